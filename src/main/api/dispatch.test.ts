import { describe, expect, it } from 'vitest'
import { testContext } from '../test-support/app-context'
import { ALL_ENDPOINTS, malformedInputsFor } from '../test-support/malformed-inputs'
import { dispatch } from './dispatch'

describe('dispatch', () => {
  it.each(ALL_ENDPOINTS)('%s rejects malformed input with a clear error', async (name) => {
    const { handlers } = await testContext()
    for (const input of malformedInputsFor(name)) {
      const response = await dispatch(handlers, name, input)
      expect(response, JSON.stringify(input)).toMatchObject({ ok: false, error: { code: 'invalid-input' } })
      if (!response.ok) expect(response.error.message).toContain(`Invalid input for ${name}`)
    }
  })

  it('refuses names outside the contract, including inherited object keys', async () => {
    const { handlers } = await testContext()
    for (const name of ['drop-everything', 'toString', '__proto__', 7]) {
      expect(await dispatch(handlers, name, {})).toMatchObject({ ok: false, error: { code: 'unknown-endpoint' } })
    }
  })

  it('returns handler results and turns thrown errors into error bodies', async () => {
    const { handlers } = await testContext()
    expect(await dispatch(handlers, 'projects-list', {})).toEqual({ ok: true, data: [] })
    expect(await dispatch(handlers, 'projects-remove', { id: 99 })).toEqual({
      ok: false,
      error: { code: 'not-found', message: 'No project with id 99: it may have been removed already' },
    })
    const failing = { ...handlers, 'projects-list': async () => Promise.reject(new Error('disk on fire')) }
    expect(await dispatch(failing, 'projects-list', {})).toEqual({
      ok: false,
      error: { code: 'internal', message: 'projects-list failed: disk on fire' },
    })
  })
})
