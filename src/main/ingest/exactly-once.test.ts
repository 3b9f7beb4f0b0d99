import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import BetterSqlite3 from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { eventsDir } from '../events/event-log-paths'
import { databasePath } from '../storage/data-dir'
import { CLI_BIN, runCli } from '../test-support/run-cli'
import { tempDir } from '../test-support/temp-dir'
import { summariesFromScratch, summarySnapshot } from '../test-support/summary-snapshot'
import { refreshInsightSummaries } from '../insights/insight-summaries'

const WRITERS = 4
const PAIRS_PER_WRITER = 3000
const WRITER_SCRIPT = path.join(__dirname, '..', 'test-support', 'event-writer-process.ts')

const exited = (child: ChildProcess) => new Promise<void>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve())))

describe('event-log ingest under SIGKILL', () => {
  it('stores every event exactly once while 4 writers append and the ingester is killed again and again', async () => {
    const data = tempDir()
    const project = path.join(tempDir(), 'project')
    fs.mkdirSync(project)
    expect((await runCli(['--data-dir', data, 'projects', 'add', project])).code).toBe(0)

    const writers = Array.from({ length: WRITERS }, (_, w) =>
      spawn(process.execPath, ['--import', 'tsx', WRITER_SCRIPT, project, String(PAIRS_PER_WRITER), `w${w}`], { stdio: 'inherit' }),
    )
    const writersDone = Promise.all(writers.map(exited))
    let writing = true
    void writersDone.then(() => (writing = false))

    let kills = 0
    while (writing || kills < 15) {
      // Every other run parses in a worker thread, as large backlogs do.
      const env = { ...process.env, SESSION_BUDDY_WORKER_THRESHOLD_BYTES: kills % 2 === 0 ? '0' : String(8 * 1024 * 1024) }
      const ingester = spawn(process.execPath, [CLI_BIN, '--data-dir', data, 'ingest', '--watch'], { stdio: 'ignore', env })
      await new Promise((resolve) => setTimeout(resolve, 150 + Math.random() * 350))
      ingester.kill('SIGKILL')
      await exited(ingester)
      kills++
      if (kills > 60) break
    }
    await writersDone
    expect(writers.every((w) => w.exitCode === 0)).toBe(true)

    const final = await runCli(['--data-dir', data, 'ingest', '--json'])
    expect(final.code, final.stderr).toBe(0)

    const db = new BetterSqlite3(databasePath(data), { readonly: true })
    try {
      const rows = db.prepare('select source_ref, status, duration_ms from skill_invocations').all() as Array<{ source_ref: string; status: string; duration_ms: number }>
      expect(rows).toHaveLength(WRITERS * PAIRS_PER_WRITER)
      const expectedRefs = new Set(Array.from({ length: WRITERS }, (_, w) => Array.from({ length: PAIRS_PER_WRITER }, (_, i) => `inv:w${w}-${i}`)).flat())
      expect(new Set(rows.map((r) => r.source_ref))).toEqual(expectedRefs)
      expect(rows.every((r) => r.status === 'completed')).toBe(true)
      expect(db.prepare('select count(*) from ingest_errors').pluck().get()).toBe(0)

      // Each file's committed offset and line count match the file exactly: nothing read twice or skipped.
      const files = fs.readdirSync(eventsDir(project)).map((f) => path.join(eventsDir(project), f))
      expect(files).toHaveLength(WRITERS)
      for (const file of files) {
        const state = db.prepare('select offset, line from ingest_files where path = ?').get(file) as { offset: number; line: number }
        expect(state.offset).toBe(fs.statSync(file).size)
        expect(state.line).toBe(PAIRS_PER_WRITER * 2)
      }
    } finally {
      db.close()
    }
    // Summaries kept current between batches survive the kills too: they equal a recomputation.
    const writable = new BetterSqlite3(databasePath(data))
    try {
      refreshInsightSummaries(writable)
      expect(writable.prepare('select sum(invocations), sum(completed) from usage_daily').raw().get()).toEqual([WRITERS * PAIRS_PER_WRITER, WRITERS * PAIRS_PER_WRITER])
      expect(summarySnapshot(writable)).toEqual(summariesFromScratch(writable))
    } finally {
      writable.close()
    }
    expect(kills).toBeGreaterThanOrEqual(15)
  }, 180_000)
})
