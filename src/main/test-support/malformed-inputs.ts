import { apiContract, type ApiName } from '../../shared/api/contract'

/** Inputs no endpoint accepts: wrong shapes, wrong types and unknown fields. */
export function malformedInputsFor(name: ApiName): unknown[] {
  const cases: unknown[] = ['not an object', 42, [], { unexpectedField: true }]
  const shape = (apiContract[name].input as { shape?: Record<string, unknown> }).shape ?? {}
  for (const key of Object.keys(shape)) cases.push({ [key]: { wrong: 'type' } })
  return cases
}

export const ALL_ENDPOINTS = Object.keys(apiContract) as ApiName[]
