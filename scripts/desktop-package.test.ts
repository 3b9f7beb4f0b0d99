import { execFile, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { listPackage } from '@electron/asar'
import { getCurrentFuseWire } from '@electron/fuses'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import YAML from 'yaml'
import { HELP_DOCUMENTS } from '../src/main/desktop/app-menu'
import { defaultHookCommand } from '../src/main/hooks/claude-settings'
import { readProjectEvents } from '../src/main/test-support/project-events'

const ROOT = path.join(__dirname, '..')
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX'
const run = promisify(execFile)

/**
 * Electron's real binary cannot be downloaded here, so the package is built around a stand-in: a script that
 * carries Electron's fuse wire (sentinel, version 1, 8 fuses as Electron 45 ships them), so electron-builder
 * flips real fuses in it. The native rebuild for Electron needs its headers from the network: skipped here,
 * done by `npm run dist` and the desktop workflow.
 */
function fakeElectronDist(dir: string): string {
  fs.mkdirSync(dir, { recursive: true })
  const wire = Buffer.concat([Buffer.from(`#!/bin/sh\nexit 0\n# ${SENTINEL}`), Buffer.from([1, 8]), Buffer.from('10110001\n')])
  fs.writeFileSync(path.join(dir, 'electron'), wire, { mode: 0o755 })
  fs.writeFileSync(path.join(dir, 'version'), JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', 'electron', 'package.json'), 'utf8')).version)
  return dir
}

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'session-buddy-package-'))
const output = path.join(work, 'dist')
const unpacked = path.join(output, 'linux-unpacked')
const resources = path.join(unpacked, 'resources')

describe.skipIf(process.platform !== 'linux')('the desktop package (electron-builder --dir, offline)', () => {
  beforeAll(async () => {
    if (!fs.existsSync(path.join(ROOT, 'out', 'main', 'index.js'))) throw new Error('run "npm run build" first')
    await run(
      process.execPath,
      [
        path.join(ROOT, 'node_modules', 'electron-builder', 'cli.js'),
        '--dir',
        '--linux',
        '--publish',
        'never',
        `-c.electronDist=${fakeElectronDist(path.join(work, 'electron'))}`,
        '-c.npmRebuild=false',
        `-c.directories.output=${output}`,
      ],
      { cwd: ROOT, env: { ...process.env, ELECTRON_BUILDER_CACHE: path.join(work, 'cache') }, maxBuffer: 64 * 1024 * 1024 },
    )
  }, 240_000)
  afterAll(() => fs.rmSync(work, { recursive: true, force: true }))

  it('builds the app with the configured name, and flips the fuses: no RunAsNode, no inspect, app.asar only', async () => {
    const binary = path.join(unpacked, 'session-buddy-desktop')
    expect(fs.statSync(binary).mode & 0o111).not.toBe(0)
    const fuses = await getCurrentFuseWire(binary)
    const state = (index: number) => String.fromCharCode(fuses[index as keyof typeof fuses] as number)
    // FuseV1Options order: RunAsNode, EnableCookieEncryption, EnableNodeOptionsEnvironmentVariable,
    // EnableNodeCliInspectArguments, EnableEmbeddedAsarIntegrityValidation, OnlyLoadAppFromAsar, …, GrantFileProtocolExtraPrivileges
    expect([0, 1, 2, 3, 4, 5, 7].map(state)).toEqual(['0', '1', '0', '0', '1', '1', '0'])
  })

  it('packs the built app, its tray icons and the database driver into app.asar (the driver unpacked)', () => {
    const listing = listPackage(path.join(resources, 'app.asar'), { isPack: false }).map((f) => f.replaceAll('\\', '/'))
    const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'))
    for (const file of ['/package.json', `/${path.normalize(manifest.main)}`, '/out/preload/index.js', '/out/renderer/index.html', '/resources/tray.png', '/resources/tray-paused@2x.png', '/resources/icon.png']) {
      expect(listing, file).toContain(file)
    }
    expect(listing.some((f) => f.startsWith('/out/') && f.endsWith('.map'))).toBe(false)
    expect(listing.some((f) => f.startsWith('/node_modules/electron/'))).toBe(false)
    expect(fs.existsSync(path.join(resources, 'app.asar.unpacked', 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node'))).toBe(true)
  })

  it('puts every Help-menu document beside the app', () => {
    for (const doc of HELP_DOCUMENTS) expect(fs.existsSync(path.join(resources, doc.file)), doc.file).toBe(true)
  })

  it('puts a hook bundle beside app.asar that Node runs for Claude Code, as the installed app\'s hook command says', async () => {
    const command = defaultHookCommand(path.join(resources, 'app.asar', 'bin', 'session-buddy.js'))
    expect(command).toBe(`node "${path.join(resources, 'hook', 'bin', 'session-buddy.js')}" hook`)
    const project = fs.mkdtempSync(path.join(work, 'project-'))
    const payload = JSON.stringify({ session_id: 'desk-1', transcript_path: '/x.jsonl', cwd: project, permission_mode: 'default', hook_event_name: 'SessionStart', source: 'startup' })
    const hook = spawnSync(process.execPath, [path.join(resources, 'hook', 'bin', 'session-buddy.js'), 'hook'], { input: payload, cwd: project, encoding: 'utf8', env: { ...process.env, CLAUDE_PROJECT_DIR: '' } })
    expect(hook.status, hook.stderr).toBe(0)
    expect(readProjectEvents(project).map((e) => e.type)).toEqual(['session.started'])
  })

  it('is configured for an AppImage and a deb on Linux, a dmg on macOS and NSIS on Windows, with icons from resources/', () => {
    const config = YAML.parse(fs.readFileSync(path.join(ROOT, 'electron-builder.yml'), 'utf8'))
    expect(config.linux.target).toEqual(['AppImage', 'deb'])
    expect(config.mac.target).toBe('dmg')
    expect(config.win.target).toBe('nsis')
    for (const os of ['linux', 'mac', 'win']) expect(fs.existsSync(path.join(ROOT, config[os].icon)), os).toBe(true)
    expect(config.npmRebuild).toBe(true)
  })
})
