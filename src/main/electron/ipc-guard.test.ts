import { pathToFileURL } from 'node:url'
import { describe, expect, it } from 'vitest'
import { testContext } from '../test-support/app-context'
import { ALL_ENDPOINTS, malformedInputsFor } from '../test-support/malformed-inputs'
import { createIpcCallHandler, trustedUrlCheck } from './ipc-guard'

const RENDERER = pathToFileURL('/opt/session-buddy/out/renderer/index.html').href
const isTrusted = trustedUrlCheck(RENDERER, undefined)
const mainFrame = (url: string) => ({ senderFrame: { url, parent: null } })

describe('IPC call handler', () => {
  it('answers the main frame of the bundled UI, hash routes included', async () => {
    const { handlers } = await testContext()
    const handle = createIpcCallHandler(handlers, isTrusted)
    expect(await handle(mainFrame(`${RENDERER}#/projects`), 'projects-list', {})).toEqual({ ok: true, data: [] })
  })

  it('refuses other pages, sub-frames and destroyed frames', async () => {
    const { handlers } = await testContext()
    const handle = createIpcCallHandler(handlers, isTrusted)
    const refused = { ok: false, error: { code: 'forbidden' } }
    expect(await handle(mainFrame('https://evil.example/'), 'projects-list', {})).toMatchObject(refused)
    expect(await handle(mainFrame('file:///tmp/other.html'), 'projects-list', {})).toMatchObject(refused)
    expect(await handle({ senderFrame: { url: RENDERER, parent: {} } }, 'projects-list', {})).toMatchObject(refused)
    expect(await handle({ senderFrame: null }, 'projects-list', {})).toMatchObject(refused)
  })

  it('trusts the dev server only by its exact origin', () => {
    const dev = trustedUrlCheck(RENDERER, 'http://localhost:5173')
    expect(dev('http://localhost:5173/#/search')).toBe(true)
    expect(dev('http://localhost:5174/')).toBe(false)
  })

  it.each(ALL_ENDPOINTS)('%s rejects malformed input over IPC', async (name) => {
    const { handlers } = await testContext()
    const handle = createIpcCallHandler(handlers, isTrusted)
    for (const input of malformedInputsFor(name)) {
      expect(await handle(mainFrame(RENDERER), name, input)).toMatchObject({ ok: false, error: { code: 'invalid-input' } })
    }
  })
})
