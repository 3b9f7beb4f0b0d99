import fs from 'node:fs'
import path from 'node:path'
import BetterSqlite3 from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { eventsDir } from '../events/event-log-paths'
import { databasePath } from '../storage/data-dir'
import { runCli } from '../test-support/run-cli'
import { tempDir } from '../test-support/temp-dir'

describe('ingest of a large backlog (parsed in a worker thread by the built CLI)', () => {
  it('stores every good line, records bad ones by line number, and leaves a partial last line for later', async () => {
    const data = tempDir()
    const project = path.join(tempDir(), 'big')
    fs.mkdirSync(project)
    expect((await runCli(['--data-dir', data, 'projects', 'add', project])).code).toBe(0)
    const file = path.join(eventsDir(project), 'backlog.jsonl')
    fs.mkdirSync(path.dirname(file), { recursive: true })
    const lines: string[] = []
    for (let i = 0; i < 30_000; i++) {
      const common = { v: 1, ts: new Date(Date.UTC(2026, 10, 1) + i * 1000).toISOString(), session_id: `s${i % 30}`, invocation_id: `i${i}`, skill: `skill-${i % 5}` }
      lines.push(JSON.stringify({ ...common, id: `a${i}`, type: 'skill.invoked' }), JSON.stringify({ ...common, id: `b${i}`, type: 'skill.completed', duration_ms: 10 }))
    }
    lines.splice(25_000, 0, '{"v":1,"type":"oops"')
    lines.push(JSON.stringify({ v: 1, id: 'w', ts: '2026-11-02T00:00:00Z', session_id: 's0', type: 'workflow.completed', workflow_run_id: 'r1' }))
    fs.writeFileSync(file, `${lines.join('\n')}\n{"v":1,"id":"partial"`)

    const result = await runCli(['--data-dir', data, 'ingest', '--json'], { env: { SESSION_BUDDY_WORKER_THRESHOLD_BYTES: '0' } })
    expect(result.code, result.stderr).toBe(0)
    expect(JSON.parse(result.stdout)).toMatchObject({ events: 60_001, errors: 1 })
    const db = new BetterSqlite3(databasePath(data), { readonly: true })
    try {
      expect(db.prepare("select count(*) from skill_invocations where status = 'completed'").pluck().get()).toBe(30_000)
      expect(db.prepare('select line, reason from ingest_errors').all()).toEqual([{ line: 25_001, reason: expect.stringMatching(/^not JSON/) }])
      // The schema's default for workflow.completed survives the trip between threads.
      expect(db.prepare('select status from workflow_runs').pluck().get()).toBe('completed')
      const state = db.prepare('select offset, line from ingest_files').get() as { offset: number; line: number }
      expect(state).toEqual({ offset: fs.statSync(file).size - '{"v":1,"id":"partial"'.length, line: 60_002 })
    } finally {
      db.close()
    }
  })
})
