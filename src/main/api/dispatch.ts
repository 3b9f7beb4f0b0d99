import { z } from 'zod'
import { apiContract, isApiName } from '../../shared/api/contract'
import { ApiError, type ApiResponse } from '../../shared/api/errors'
import type { Handlers } from './handler-types'

/**
 * The single entry point every transport calls: checks the name, validates the input with
 * the endpoint's zod schema, runs the handler and turns any failure into a plain error body.
 */
export async function dispatch(handlers: Handlers, name: unknown, rawInput: unknown): Promise<ApiResponse<unknown>> {
  if (!isApiName(name)) {
    return { ok: false, error: { code: 'unknown-endpoint', message: `Unknown API endpoint: ${String(name)}` } }
  }
  const parsed = apiContract[name].input.safeParse(rawInput ?? {})
  if (!parsed.success) {
    return { ok: false, error: { code: 'invalid-input', message: `Invalid input for ${name}: ${describeIssues(parsed.error)}` } }
  }
  try {
    const handler = handlers[name] as (input: unknown) => Promise<unknown>
    return { ok: true, data: await handler(parsed.data) }
  } catch (error) {
    if (error instanceof ApiError) return { ok: false, error: { code: error.code, message: error.message } }
    const message = error instanceof Error ? error.message : String(error)
    return { ok: false, error: { code: 'internal', message: `${name} failed: ${message}` } }
  }
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => (issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
    .join('; ')
}
