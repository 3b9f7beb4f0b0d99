import type { ApiName, ApiOutput, ApiParsedInput } from '../../shared/api/contract'

export type Handler<N extends ApiName> = (input: ApiParsedInput<N>) => Promise<ApiOutput<N>>

/** Every endpoint of the contract must have exactly one handler: the compiler checks it. */
export type Handlers = { [N in ApiName]: Handler<N> }

/** Handlers of one domain, merged into `Handlers` by the composition root. */
export type DomainHandlers<Names extends ApiName> = { [N in Names]: Handler<N> }
