import type { z } from 'zod'

/** One API operation: its validated input and the type of its result. */
export interface Endpoint<Input extends z.ZodType, Output> {
  input: Input
  /** Phantom field carrying the result type; never set at run time. */
  readonly output?: Output
}

/** `endpoint<Result>()(inputSchema)`: the result type is given, the input type is inferred. */
export function endpoint<Output>() {
  return <Input extends z.ZodType>(input: Input): Endpoint<Input, Output> => ({ input })
}
