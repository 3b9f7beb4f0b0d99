import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { tempDir } from '../src/main/test-support/temp-dir'
// @ts-expect-error: a plain .mjs module (the launcher runs before anything is built)
import { prepareDesktop } from './desktop-launch.mjs'

type Plan = { mode: 'electron'; binary: string } | { mode: 'serve'; reason: string }
const prepare = prepareDesktop as (options: { root: string; env?: NodeJS.ProcessEnv; platform?: string; timeouts?: { download: number; binding: number }; log?: (line: string) => void }) => Promise<Plan>

/**
 * A checkout of stand-ins: Electron's npm package whose install.js behaves as told (downloads, fails
 * offline, or hangs), and a binding builder that does the same. Each step notes that it ran.
 */
function checkout(installer: 'downloads' | 'offline' | 'hangs', builder: 'builds' | 'no-compiler' = 'builds') {
  const root = tempDir()
  const electron = path.join(root, 'node_modules', 'electron')
  fs.mkdirSync(electron, { recursive: true })
  fs.mkdirSync(path.join(root, 'scripts'))
  fs.writeFileSync(path.join(electron, 'abi_version'), '150')
  const note = (step: string) => `require('node:fs').appendFileSync(${JSON.stringify(path.join(root, 'steps.log'))}, '${step}\\n');`
  const installers = {
    downloads: `${note('download')} const fs = require('node:fs'); fs.mkdirSync(__dirname + '/dist', { recursive: true }); fs.writeFileSync(__dirname + '/dist/electron', '#!/bin/sh\\n'); fs.chmodSync(__dirname + '/dist/electron', 0o755); fs.writeFileSync(__dirname + '/path.txt', 'electron'); console.log('Downloading electron 100%')`,
    offline: `${note('download')} console.error('RequestError: getaddrinfo ENOTFOUND github.com'); process.exit(1)`,
    hangs: `${note('download')} setInterval(() => {}, 1000)`,
  }
  fs.writeFileSync(path.join(electron, 'install.js'), installers[installer])
  const builders = {
    builds: `${note('binding')} const fs = require('node:fs'); const dir = ${JSON.stringify(path.join(root, 'native', 'electron-150'))}; fs.mkdirSync(dir, { recursive: true }); fs.writeFileSync(dir + '/better_sqlite3.node', '')`,
    'no-compiler': `${note('binding')} console.error('gyp ERR! stack Error: not found: make'); process.exit(1)`,
  }
  fs.writeFileSync(path.join(root, 'scripts', 'build-electron-binding.mjs'), builders[builder].replaceAll('require(', 'process.getBuiltinModule('))
  const steps = () => (fs.existsSync(path.join(root, 'steps.log')) ? fs.readFileSync(path.join(root, 'steps.log'), 'utf8').trim().split('\n') : [])
  return { root, steps }
}

const display = { DISPLAY: ':99' }
const quiet = { log: () => {} }

describe('npm start on a fresh machine', () => {
  it('downloads Electron and gets its database binding once, then opens the app; a second start does neither again', async () => {
    const { root, steps } = checkout('downloads')
    expect(await prepare({ root, env: display, platform: 'linux', ...quiet })).toEqual({ mode: 'electron', binary: path.join(root, 'node_modules', 'electron', 'dist', 'electron') })
    expect(steps()).toEqual(['download', 'binding'])
    expect((await prepare({ root, env: display, platform: 'linux', ...quiet })).mode).toBe('electron')
    expect(steps()).toEqual(['download', 'binding'])
  })

  it('serves in the browser, saying why in one line, when offline, without a compiler, or without a display', async () => {
    const offline = checkout('offline')
    expect(await prepare({ root: offline.root, env: display, platform: 'linux', ...quiet })).toEqual({
      mode: 'serve',
      reason: "Electron's binary could not be downloaded (RequestError: getaddrinfo ENOTFOUND github.com)",
    })
    const noCompiler = checkout('downloads', 'no-compiler')
    expect(await prepare({ root: noCompiler.root, env: display, platform: 'linux', ...quiet })).toEqual({
      mode: 'serve',
      reason: 'the database binding for Electron could not be fetched or built (gyp ERR! stack Error: not found: make)',
    })
    const headless = checkout('downloads')
    expect(await prepare({ root: headless.root, env: {}, platform: 'linux', ...quiet })).toEqual({ mode: 'serve', reason: 'there is no display to open a window on' })
    expect(headless.steps()).toEqual([]) // nothing is downloaded for a window that cannot open
    expect(await prepare({ root: headless.root, env: { ...display, SESSION_BUDDY_FORCE_SERVE: '1' }, platform: 'linux', ...quiet })).toEqual({ mode: 'serve', reason: 'SESSION_BUDDY_FORCE_SERVE is set' })
  })

  it('never hangs: a step past its time limit is stopped and the app is served', async () => {
    const { root } = checkout('hangs')
    const started = Date.now()
    expect(await prepare({ root, env: display, platform: 'linux', timeouts: { download: 500, binding: 500 }, ...quiet })).toEqual({
      mode: 'serve',
      reason: "Electron's binary could not be downloaded (it took longer than 0.5 s)",
    })
    expect(Date.now() - started).toBeLessThan(5000)
  })
})
