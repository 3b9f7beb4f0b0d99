import fs from 'node:fs'
import path from 'node:path'
import BetterSqlite3 from 'better-sqlite3'
import { spawn } from '@lydell/node-pty'
import { describe, expect, it } from 'vitest'
import { databasePath } from '../storage/data-dir'
import { claudeTranscript } from '../test-support/claude-transcript'
import { CLI_BIN, runCli } from '../test-support/run-cli'
import { tempDir } from '../test-support/temp-dir'

/** A home folder with two projects Claude Code worked in, and their transcripts where Claude Code keeps them. */
function homeWithHistory() {
  const home = fs.realpathSync(tempDir())
  // Listed newest first: api's transcript is the newer one, whatever the clock does between the writes.
  const folders = ['api', 'web'].map((name, i) => {
    const folder = path.join(home, 'code', name)
    fs.mkdirSync(folder, { recursive: true })
    const transcripts = path.join(home, '.claude', 'projects', folder.replaceAll(path.sep, '-'))
    fs.mkdirSync(transcripts, { recursive: true })
    const file = path.join(transcripts, `${name}.jsonl`)
    fs.writeFileSync(file, `${claudeTranscript(folder, name).replaceAll('toolu_', `toolu_${name}_`).replaceAll('"uuid":"', `"uuid":"${name}-`)}\n`)
    const mtime = new Date(Date.now() - (i + 1) * 60_000)
    fs.utimesSync(file, mtime, mtime)
    return folder
  })
  return { home, folders, env: { HOME: home, CLAUDE_CONFIG_DIR: path.join(home, '.claude') }, data: path.join(home, 'data') }
}

function registered(data: string): string[] {
  const db = new BetterSqlite3(databasePath(data), { readonly: true })
  try {
    return db.prepare('select path from projects order by path').pluck().all() as string[]
  } finally {
    db.close()
  }
}

describe('session-buddy init', () => {
  it('in plain mode: lists the folders, reads the choice and the consent from lines, registers, imports with progress lines and says what next', async () => {
    const { folders, env, data } = homeWithHistory()
    const result = await runCli(['--data-dir', data, 'init'], { env, input: '2\ny\n' })
    expect(result.code, result.stderr).toBe(0)
    expect(result.stdout).toContain(`   1. ${folders[0]} (1 session, last active`)
    expect(result.stdout).toContain('Folders to track, by number (e.g. 1 3), or Enter for none: 2')
    expect(result.stdout).toContain(`${path.join(folders[1]!, '.session-buddy', 'events')}: Event log`)
    expect(result.stdout).toContain('Track and import this project? [y/N] y')
    expect(result.stdout).toMatch(/Importing Claude Code history: 2 of 2 transcripts/)
    expect(result.stdout).toMatch(/Imported 2 skill invocations from 2 transcripts and 1 session\./)
    expect(result.stdout).toMatch(/\d+ lines belong to folders you have not registered\n {4}.*code\/api \(\d+ lines\)/)
    expect(result.stdout).toContain('session-buddy serve')
    expect(registered(data)).toEqual([folders[1]])

    // A second run offers only what is not tracked; no answer chooses nothing.
    const again = await runCli(['--data-dir', data, 'init'], { env, input: '' })
    expect(again.stdout).toContain(`${folders[1]} (1 session, last active`)
    expect(again.stdout).toContain('already tracked')
    expect(again.stdout).toContain('Nothing chosen.')
    // A number off the list is refused with the range.
    const wrong = await runCli(['--data-dir', data, 'init'], { env, input: '7\n' })
    expect(wrong).toMatchObject({ code: 2, stderr: 'session-buddy: "7" is not a number from the list (1 to 2)\n' })
  })

  it('in a terminal: a checklist, a yes/no question and a progress bar', { timeout: 60_000 }, async () => {
    const { folders, env, data } = homeWithHistory()
    const term = spawn(process.execPath, [CLI_BIN, '--data-dir', data, 'init'], { cols: 160, rows: 40, env: { ...process.env, ...env, SESSION_BUDDY_NO_OPEN: '1' } })
    let screen = ''
    term.onData((chunk) => (screen += chunk))
    const exited = new Promise<number>((resolve) => term.onExit(({ exitCode }) => resolve(exitCode)))
    const waitFor = async (text: string | RegExp) => {
      const started = Date.now()
      while (!(typeof text === 'string' ? screen.includes(text) : text.test(screen))) {
        if (Date.now() - started > 20_000) throw new Error(`"${String(text)}" never appeared in:\n${screen}`)
        await new Promise((resolve) => setTimeout(resolve, 25))
      }
    }
    await waitFor('Which projects should Session Buddy track?')
    term.write(' ') // tick the first
    term.write('\u001b[B') // down
    term.write(' ') // tick the second
    term.write('\r')
    await waitFor('Track and import these 2 projects?')
    term.write('y\r')
    await waitFor('Imported 4 skill invocations')
    expect(await exited).toBe(0)
    expect(screen).toMatch(/Importing Claude Code history \[[█░]+\] 2\/2 transcripts/)
    expect(registered(data)).toEqual(folders)
  })
})
