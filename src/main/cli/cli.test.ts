import fs from 'node:fs'
import { spawn } from 'node:child_process'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { openDatabase } from '../storage/database'
import { databasePath } from '../storage/data-dir'
import { countAllRows, seedProjectRows } from '../test-support/project-rows'
import { CLI_BIN, runCli } from '../test-support/run-cli'
import { makeProjectFolder, tempDir } from '../test-support/temp-dir'

describe('session-buddy CLI', () => {
  it('adds, lists and removes projects, with --json output', async () => {
    const data = tempDir()
    const folder = makeProjectFolder(tempDir(), 'billing', 'go.mod')
    const added = await runCli(['--data-dir', data, 'projects', 'add', folder, '--no-insights', '--json'])
    expect(added.code, added.stderr).toBe(0)
    expect(JSON.parse(added.stdout)).toMatchObject({ name: 'billing', projectType: 'go', includeInInsights: false, track: true })

    const listed = await runCli(['--data-dir', data, 'projects', 'list', '--json'])
    expect(JSON.parse(listed.stdout).map((p: { path: string }) => p.path)).toEqual([folder])
    const table = await runCli(['--data-dir', data, 'projects', 'list'])
    expect(table.stdout).toMatch(/^ID\s+NAME\s+TYPE/)
    expect(table.stdout).toContain(folder)

    const database = await openDatabase(databasePath(data))
    await seedProjectRows(database, 1, 'cli')
    await database.close()

    const removed = await runCli(['--data-dir', data, 'projects', 'remove', folder, '--yes'])
    expect(removed.code, removed.stderr).toBe(0)
    expect(removed.stdout).toContain('Removed billing and its data (1 sessions, 1 skill invocations')
    const after = await openDatabase(databasePath(data))
    expect(Object.values(await countAllRows(after.db)).every((n) => n === 0)).toBe(true)
    await after.close()
  })

  it('uses SESSION_BUDDY_HOME when no --data-dir is given', async () => {
    const home = tempDir()
    const folder = makeProjectFolder(tempDir(), 'app')
    expect((await runCli(['projects', 'add', folder], { env: { SESSION_BUDDY_HOME: home } })).code).toBe(0)
    const listed = await runCli(['--data-dir', home, 'projects', 'list', '--json'])
    expect(JSON.parse(listed.stdout)).toHaveLength(1)
  })

  it('exits non-zero with a one-line reason on bad input', async () => {
    const data = tempDir()
    const cases: Array<[string[], RegExp]> = [
      [['projects', 'add', path.join(data, 'nope')], /^session-buddy: No folder at .*nope: check the path and try again\n$/],
      [['projects', 'remove', '42', '--yes'], /^session-buddy: No registered project matches "42"/],
      [['projects', 'remove', '42'], /^session-buddy: No registered project matches "42"/],
      [['projects', 'frobnicate'], /^error: unknown command 'frobnicate'/],
      [['projects', 'add'], /^error: missing required argument 'path'/],
      [['serve', '--port', 'abc'], /^session-buddy: --port must be a whole number/],
      // Each of these used to create files, report success or print an internal or raw error.
      [['hooks', 'install', path.join(data, 'mistyped')], /^session-buddy: No folder at .*mistyped: check the path and try again\n$/],
      [['import', 'claude-code', '--from', path.join(data, 'missing')], /^session-buddy: --from .*missing: no such file or folder\n$/],
      [['sessions', '--limit', 'abc'], /^session-buddy: --limit must be a whole number from 1 to 5000, not "abc"\n$/],
      [['report', 'insights', '--format', 'md', '--out', path.join(data, 'no-such-folder', 'r.md')], /^session-buddy: --out .*r\.md: the folder .*no-such-folder does not exist\n$/],
      [['report', 'insights', '--format', 'md', '--out', data], /^session-buddy: --out .*: that is a folder; name a file\n$/],
    ]
    for (const [args, expected] of cases) {
      const result = await runCli(['--data-dir', data, ...args])
      expect(result.code, args.join(' ')).not.toBe(0)
      expect(result.stderr, args.join(' ')).toMatch(expected)
      expect(result.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1)
    }
    expect(fs.existsSync(path.join(data, 'mistyped'))).toBe(false)
    const file = path.join(data, 'a-file')
    fs.writeFileSync(file, '')
    const fileAsData = await runCli(['--data-dir', file, 'projects', 'list'])
    expect(fileAsData).toMatchObject({ code: 2, stderr: `session-buddy: --data-dir ${file} is a file, not a folder\n` })
  })

  it('asks for --yes before deleting data when it cannot prompt', async () => {
    const data = tempDir()
    const folder = makeProjectFolder(tempDir(), 'keepme')
    await runCli(['--data-dir', data, 'projects', 'add', folder])
    const result = await runCli(['--data-dir', data, 'projects', 'remove', folder])
    expect(result.code).toBe(1)
    expect(result.stderr).toBe('session-buddy: Removing keepme deletes its data: pass --yes to confirm\n')
  })

  it('has --help on every command', async () => {
    for (const command of [[], ['serve'], ['projects'], ['projects', 'add'], ['projects', 'list'], ['projects', 'remove']]) {
      const result = await runCli([...command, '--help'])
      expect(result.code, command.join(' ')).toBe(0)
      expect(result.stdout, command.join(' ')).toMatch(/^Usage: session-buddy/)
    }
  })

  it('serve prints its address and token, answers with them, and stops on SIGTERM', async () => {
    const child = spawn(process.execPath, [CLI_BIN, '--data-dir', tempDir(), 'serve', '--json', '--max-lifetime', '60'], {
      env: { ...process.env, SESSION_BUDDY_NO_OPEN: '1' },
    })
    const line = await new Promise<string>((resolve, reject) => {
      child.stdout.once('data', (chunk: Buffer) => resolve(chunk.toString()))
      child.once('exit', (code) => reject(new Error(`serve exited early with ${code}`)))
    })
    const info = JSON.parse(line)
    expect(info.url).toBe(`http://127.0.0.1:${info.port}/?token=${info.token}`)
    const response = await fetch(`${info.origin}/api/v1/call/app-info`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${info.token}` },
      body: '{}',
    })
    expect((await response.json()).data.schemaVersion).toMatch(/^2026-/)
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve))
    child.kill('SIGTERM')
    expect(await exited).toBe(0)
  })
})
