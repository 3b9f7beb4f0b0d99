import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { tempDir } from '../test-support/temp-dir'
import { APP_INDEX_URL, createAppProtocolHandler } from './app-protocol'

function rendererFolder() {
  const base = tempDir()
  const root = path.join(base, 'renderer')
  fs.mkdirSync(path.join(root, 'assets'), { recursive: true })
  fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>Session Buddy</title>')
  fs.writeFileSync(path.join(root, 'assets', 'index-abc.js'), 'console.log(1)')
  fs.writeFileSync(path.join(base, 'secret.txt'), 'outside the app')
  return { base, root }
}

describe('the app:// protocol', () => {
  it('serves the renderer\'s files with their type and the strict CSP', async () => {
    const handle = createAppProtocolHandler(rendererFolder().root)
    const index = await handle({ url: APP_INDEX_URL, method: 'GET' })
    expect(index.status).toBe(200)
    expect(index.headers.get('content-type')).toBe('text/html; charset=utf-8')
    expect(index.headers.get('content-security-policy')).toBe("default-src 'self'")
    expect(await index.text()).toContain('<title>Session Buddy</title>')
    const script = await handle({ url: 'app://renderer/assets/index-abc.js' })
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8')
    // The bare origin opens the index.
    expect((await handle({ url: 'app://renderer/' })).status).toBe(200)
  })

  it('refuses every way out of the renderer folder', async () => {
    const { base, root } = rendererFolder()
    fs.symlinkSync(path.join(base, 'secret.txt'), path.join(root, 'link.txt'))
    const handle = createAppProtocolHandler(root)
    const attempts = [
      'app://renderer/%2e%2e/secret.txt',
      'app://renderer/%2E%2E%2Fsecret.txt',
      'app://renderer/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
      'app://renderer/..%5csecret.txt',
      'app://renderer/link.txt',
      `app://renderer/${encodeURIComponent(path.join(base, 'secret.txt'))}`,
    ]
    for (const url of attempts) {
      const response = await handle({ url })
      expect(response.status, url).toBeGreaterThanOrEqual(400)
      expect(await response.text(), url).toMatch(/^Refused: /)
    }
    // Plain `..` is resolved by the URL parser itself and lands on a file that is not there.
    expect((await handle({ url: 'app://renderer/../secret.txt' })).status).toBe(404)
  })

  it('serves only the renderer host and GET, and says why it refuses', async () => {
    const handle = createAppProtocolHandler(rendererFolder().root)
    const other = await handle({ url: 'app://elsewhere/index.html' })
    expect(other.status).toBe(404)
    expect(await other.text()).toBe('Refused: only app://renderer/ is served')
    expect((await handle({ url: APP_INDEX_URL, method: 'POST' })).status).toBe(405)
    expect((await handle({ url: 'app://renderer/%E0%A4%A' })).status).toBe(400)
    expect((await handle({ url: 'app://renderer/index.html%00.js' })).status).toBe(400)
    expect((await handle({ url: 'app://renderer/missing.js' })).status).toBe(404)
  })
})
