import { spawn } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { importTranscripts, MAX_TRANSCRIPT_LINE_BYTES } from '../imports/claude-code/transcript-importer'
import { databaseWithProject } from '../test-support/project-db'
import { claudeTranscript } from '../test-support/claude-transcript'
import { CLI_BIN } from '../test-support/run-cli'
import { tempDir } from '../test-support/temp-dir'
import { MAX_EVENT_LINE_BYTES } from './event-batches'
import { EventFileIngester } from './event-file-ingester'

const event = (id: string) => `${JSON.stringify({ v: 1, id, ts: '2026-11-25T10:00:00Z', type: 'skill.invoked', session_id: 's1', invocation_id: id, skill: 'x' })}\n`
const MAX_RSS_PRELOAD = path.join(__dirname, '..', 'test-support', 'report-max-rss.cjs')

/** Writes `bytes` of `fill` without holding them in memory. */
function appendFill(file: string, bytes: number, fill = 'x'): void {
  const block = Buffer.alloc(4 * 1024 * 1024, fill)
  const fd = fs.openSync(file, 'a')
  for (let left = bytes; left > 0; left -= block.length) fs.writeSync(fd, block, 0, Math.min(left, block.length))
  fs.closeSync(fd)
}

/** Runs the built CLI; resolves with its output and its peak resident memory in MB. */
function runMeasured(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string; peakMb: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-r', MAX_RSS_PRELOAD, CLI_BIN, ...args])
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (c) => (stdout += c))
    child.stderr.on('data', (c) => (stderr += c))
    child.on('error', reject)
    child.on('exit', (code) => resolve({ code, stdout, stderr, peakMb: Number(/max-rss-kb (\d+)/.exec(stderr)?.[1] ?? NaN) / 1024 }))
  })
}

describe('huge lines', () => {
  it('an event line over the cap is skipped and reported with its size, whether it ends now or later', async () => {
    const t = await databaseWithProject()
    const file = path.join(t.projectPath, '.session-buddy', 'events', 'a.jsonl')
    fs.mkdirSync(path.dirname(file), { recursive: true })
    const ingester = new EventFileIngester(t.sqlite)
    fs.writeFileSync(file, event('e1'))
    appendFill(file, 3 * 1024 * 1024)
    // Not ended yet: the good line before it is stored, the long one waits without being held.
    expect(ingester.ingest(file, t.project)).toMatchObject({ events: 1, errors: 0 })
    fs.appendFileSync(file, `\n${event('e2')}`)
    expect(ingester.ingest(file, t.project)).toMatchObject({ events: 1, errors: 1 })
    expect(t.sqlite.prepare('select line, reason, excerpt from ingest_errors').all()).toEqual([
      { line: 2, reason: `a line of ${3 * 1024 * 1024} bytes is over the ${MAX_EVENT_LINE_BYTES} byte limit for one event: skipped`, excerpt: '' },
    ])
    expect(t.sqlite.prepare('select count(*) from skill_invocations').pluck().get()).toBe(2)
  })

  it('a transcript line over its cap is reported and the rest of the transcript is imported', async () => {
    const t = await databaseWithProject()
    const file = path.join(tempDir(), 'sess-1.jsonl')
    const [first, ...rest] = claudeTranscript(t.projectPath).split('\n')
    fs.writeFileSync(file, `${first}\n{"type":"user","pasted":"`)
    appendFill(file, MAX_TRANSCRIPT_LINE_BYTES + 10)
    fs.appendFileSync(file, `"}\n${rest.join('\n')}\n`)
    const report = await importTranscripts(t.sqlite, { roots: [file] })
    expect(report.problems).toEqual([{ file, line: 2, message: expect.stringMatching(/^a line of \d+ bytes is over the 16777216 byte limit for one transcript line: skipped$/) }])
    expect(report.invocationsAdded).toBe(2)
  })

  it('a 300 MB event line and a 300 MB transcript line are read in bounded memory', { timeout: 120_000 }, async () => {
    const t = await databaseWithProject()
    const huge = 300 * 1024 * 1024
    const events = path.join(t.projectPath, '.session-buddy', 'events', 'a.jsonl')
    fs.mkdirSync(path.dirname(events), { recursive: true })
    fs.writeFileSync(events, `${event('before')}{"pasted":"`)
    appendFill(events, huge)
    fs.appendFileSync(events, `"}\n${event('after')}`)
    const transcript = path.join(tempDir(), 'sess-1.jsonl')
    const [first, ...rest] = claudeTranscript(t.projectPath).split('\n')
    fs.writeFileSync(transcript, `${first}\n{"type":"user","pasted":"`)
    appendFill(transcript, huge)
    fs.appendFileSync(transcript, `"}\n${rest.join('\n')}\n`)
    await t.database.close()
    const dataDir = path.dirname(t.database.file)
    fs.renameSync(t.database.file, path.join(dataDir, 'session-buddy.sqlite'))

    const ingest = await runMeasured(['--data-dir', dataDir, 'ingest', '--json'])
    expect(ingest.code, ingest.stderr).toBe(0)
    expect(JSON.parse(ingest.stdout)).toMatchObject({ events: 2, errors: 1 })
    const imported = await runMeasured(['--data-dir', dataDir, 'import', 'claude-code', '--from', transcript, '--json'])
    // A problem reported makes the exit code 1, as for any import with problems.
    expect(imported.code, imported.stderr).toBe(1)
    expect(JSON.parse(imported.stdout)).toMatchObject({ invocationsAdded: 2, problems: [{ line: 2 }] })
    // Peak resident memory of the whole process, Node itself included.
    expect(ingest.peakMb).toBeLessThan(200)
    expect(imported.peakMb).toBeLessThan(200)
    process.stdout.write(`huge lines: ingest peak ${ingest.peakMb.toFixed(0)} MB, transcript import peak ${imported.peakMb.toFixed(0)} MB\n`)
  })
})
