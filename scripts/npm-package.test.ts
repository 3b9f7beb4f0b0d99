import { execFileSync, spawn, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { Client } from '@modelcontextprotocol/sdk/client/index.js'
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { claudeTranscript } from '../src/main/test-support/claude-transcript'

const root = path.resolve(__dirname, '..')
const version = (JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string }).version
const INSTALL_TIMEOUT_MS = 300_000

/** Bytes under a folder, as `du` would count the files. */
function sizeOf(dir: string): number {
  let total = 0
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) if (entry.isFile()) total += fs.statSync(path.join(entry.parentPath, entry.name)).size
  return total
}

// `npm pack` the built checkout, install the tarball into a prefix of its own (npm's cache and the
// registry are reachable), then use only what was installed: no file of the checkout from here on.
describe('the npm package, installed with npm i -g from its tarball', () => {
  // Kept for the whole file (tempDir() folders go after each test): removed in afterAll.
  const work = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'session-buddy-package-')))
  const prefix = path.join(work, 'prefix')
  const bin = path.join(prefix, 'bin', 'session-buddy')
  let tarball = ''

  beforeAll(() => {
    if (!fs.existsSync(path.join(root, 'out', 'main', 'cli.js'))) throw new Error('run npm run build first (npm test does)')
    // prepack builds; the test suite already has (npm test), so scripts are skipped here.
    const name = execFileSync('npm', ['pack', '--pack-destination', work, '--ignore-scripts', '--silent'], { cwd: root, encoding: 'utf8' }).trim().split('\n').at(-1)!
    tarball = path.join(work, name)
    execFileSync('npm', ['install', '-g', '--prefix', prefix, tarball, '--prefer-offline', '--no-audit', '--no-fund', '--loglevel', 'error'], { cwd: work, stdio: 'pipe', timeout: INSTALL_TIMEOUT_MS })
    const installed = path.join(prefix, 'lib', 'node_modules', 'session-buddy')
    console.log(`npm package: tarball ${(fs.statSync(tarball).size / 1e6).toFixed(2)} MB, installed ${(sizeOf(installed) / 1e6).toFixed(0)} MB with its dependencies`)
  }, INSTALL_TIMEOUT_MS + 60_000)
  afterAll(() => fs.rmSync(work, { recursive: true, force: true }))

  const home = path.join(work, 'home')
  const env = () => ({ ...process.env, HOME: home, SESSION_BUDDY_HOME: path.join(home, 'data'), CLAUDE_CONFIG_DIR: path.join(home, '.claude'), SESSION_BUDDY_NO_OPEN: '1' })
  const run = (args: string[], input = '') => spawnSync(bin, args, { cwd: work, env: env(), input, encoding: 'utf8', timeout: 60_000 })

  it('carries the built app, the bin and the docs a user needs, and no tests, sources or fixtures', () => {
    const files = execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' }).split('\n').filter(Boolean)
    expect(files).toContain('package/bin/session-buddy.js')
    expect(files).toContain('package/out/main/cli.js')
    expect(files).toContain('package/out/renderer/index.html')
    expect(files).toContain('package/docs/event-format.md')
    expect(files.filter((f) => /\.test\.|\/src\/|\/e2e\/|\/eval\/|\/scripts\//.test(f))).toEqual([])
  })

  it('prints its version, and init registers a folder from a transcript and imports it', { timeout: 60_000 }, () => {
    expect(run(['--version']).stdout.trim()).toBe(version)
    const folder = path.join(home, 'code', 'app')
    fs.mkdirSync(folder, { recursive: true })
    const transcripts = path.join(home, '.claude', 'projects', folder.replaceAll(path.sep, '-'))
    fs.mkdirSync(transcripts, { recursive: true })
    fs.writeFileSync(path.join(transcripts, 'sess-1.jsonl'), `${claudeTranscript(folder)}\n`)
    const init = run(['init'], '1\ny\n')
    expect(init.status, init.stderr).toBe(0)
    expect(init.stdout).toMatch(/Imported \d+ skill invocations? from 1 transcript/)
    expect(JSON.parse(run(['projects', 'list', '--json']).stdout).map((p: { path: string }) => p.path)).toEqual([folder])
  })

  it('records a hook payload as an event', () => {
    const folder = path.join(home, 'code', 'app')
    const hook = run(['hook'], JSON.stringify({ session_id: 'pkg-1', cwd: folder, hook_event_name: 'UserPromptSubmit', prompt: 'fix the build' }))
    expect({ status: hook.status, stdout: hook.stdout }).toEqual({ status: 0, stdout: '' })
    const events = path.join(folder, '.session-buddy', 'events')
    const lines = fs.readdirSync(events).flatMap((f) => fs.readFileSync(path.join(events, f), 'utf8').trim().split('\n'))
    expect(lines.map((line) => (JSON.parse(line) as { type: string; session_id: string }).session_id)).toContain('pkg-1')
  })

  it('serves the UI: its index page and the assets it names', { timeout: 60_000 }, async () => {
    const child = spawn(bin, ['serve', '--json', '--max-lifetime', '60'], { cwd: work, env: env() })
    try {
      const info = await new Promise<{ origin: string; url: string }>((resolve, reject) => {
        let out = ''
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString()
          if (out.includes('\n')) resolve(JSON.parse(out.split('\n')[0]!) as { origin: string; url: string })
        })
        child.once('exit', (code) => reject(new Error(`serve exited with ${code}`)))
      })
      const index = await fetch(info.url)
      expect(index.status).toBe(200)
      const html = await index.text()
      const assets = [...html.matchAll(/(?:src|href)="\.?(\/assets\/[^"]+)"/g)].map((m) => m[1]!)
      expect(assets.length).toBeGreaterThan(1)
      for (const asset of assets) expect((await fetch(`${info.origin}${asset}`)).status, asset).toBe(200)
    } finally {
      child.kill('SIGTERM')
    }
  })

  it('runs the MCP server and lists its tools', { timeout: 60_000 }, async () => {
    const transport = new StdioClientTransport({ command: bin, args: ['mcp'], cwd: work, env: env() as Record<string, string>, stderr: 'pipe' })
    const client = new Client({ name: 'package-test', version: '1.0.0' })
    await client.connect(transport)
    try {
      const { tools } = await client.listTools()
      expect(tools.map((t) => t.name)).toEqual(expect.arrayContaining(['find_skills', 'recommend_skills', 'track_invocation', 'complete_invocation', 'get_skill_metrics', 'get_skill_coverage']))
    } finally {
      await client.close()
    }
  })
})
