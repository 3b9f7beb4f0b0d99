import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { appendEventLine } from '../events/event-log-file'
import { openDatabase } from '../storage/database'
import { migrations } from '../storage/migrations'
import { tempDir } from '../test-support/temp-dir'
import { TranscriptLines } from '../test-support/transcript-lines'
import { CURRENT_DERIVATION } from './outcome-rules'
import { rebuildDerivedRows, rebuildNeeded } from './rebuild'

const BEFORE_OUTCOMES = '2026-11-25-005-insight-summaries'

describe('re-deriving outcomes after the upgrade', () => {
  it('re-derives every run whose source is on disk, keeps the others as an older derivation, and runs once', async () => {
    expect(Object.keys(migrations)).toContain(BEFORE_OUTCOMES)
    const root = tempDir()
    const project = path.join(root, 'app')
    fs.mkdirSync(project)
    const claude = path.join(root, 'claude-projects', '-app')
    fs.mkdirSync(claude, { recursive: true })
    const transcript = path.join(claude, 'sess-t.jsonl')
    const lines = new TranscriptLines(project, 'sess-t')
      .prompt(0, 'fix the build')
      .skill(2, 'toolu_T1', 'crackerjack-run')
      .bash(4, 'toolu_x', 'pytest', false)
      .bash(8, 'toolu_y', 'pytest', false)
      .text(12, 'Still failing.')
      .turnEnd(12)
      .prompt(30, "no, that didn't work")
    fs.writeFileSync(transcript, `${lines}\n`)
    // The hook of the old version: a Skill call "completed" when its file loaded, and a tracker run completed explicitly.
    const at = (s: number) => new Date(Date.UTC(2026, 10, 20, 9, 0, s)).toISOString()
    const event = (type: string, s: number, extra: Record<string, unknown>) => appendEventLine(project, { v: 1, id: `${type}-${s}`, ts: at(s), session_id: 'sess-h', type, ...extra })
    event('skill.invoked', 0, { invocation_id: 'toolu_H1', skill: 'docs' })
    event('skill.completed', 1, { invocation_id: 'toolu_H1', skill: 'docs' })
    event('skill.invoked', 2, { invocation_id: 'run-1', skill: 'deploy' })
    event('skill.completed', 9, { invocation_id: 'run-1', skill: 'deploy', duration_ms: 7000 })

    // The database as the old version left it (its rows as the old derivation wrote them).
    const file = path.join(root, 'db.sqlite')
    const old = await openDatabase(file, { migrateTo: BEFORE_OUTCOMES })
    old.sqlite.prepare("insert into projects (id, path, name, registered_at, updated_at) values (1, ?, 'app', 'now', 'now')").run(project)
    const session = old.sqlite.prepare("insert into sessions (id, project_id, started_at, source, created_at) values (?, 1, ?, ?, 'now')")
    const row = old.sqlite.prepare(
      "insert into skill_invocations (project_id, session_id, skill_name, status, started_at, ended_at, duration_ms, source, source_ref) values (1, ?, ?, 'completed', ?, ?, ?, ?, ?)",
    )
    session.run('sess-t', at(0), 'transcript')
    session.run('sess-h', at(0), 'event-log')
    session.run('sess-gone', at(0), 'transcript')
    row.run('sess-t', 'crackerjack-run', at(2), at(3), 1000, 'transcript', 'inv:toolu_T1')
    row.run('sess-h', 'docs', at(0), at(1), 1000, 'event-log', 'inv:toolu_H1')
    row.run('sess-h', 'deploy', at(2), at(9), 7000, 'event-log', 'inv:run-1')
    row.run('sess-gone', 'old-skill', at(0), at(1), 900, 'transcript', 'inv:toolu_GONE')
    await old.close()

    const upgraded = await openDatabase(file)
    try {
      const sqlite = upgraded.sqlite
      expect(rebuildNeeded(sqlite)).toBe(true)
      const progress: number[] = []
      const report = await rebuildDerivedRows(sqlite, { transcriptRoots: [path.dirname(claude)], onProgress: (p) => progress.push(p.done) })
      expect(report).toMatchObject({ eventFiles: 1, transcriptFiles: 1, rederived: 3, olderDerivation: 1 })
      expect(progress.length).toBeGreaterThanOrEqual(2)
      const runs = sqlite.prepare('select skill_name, status, duration_ms, outcome_source, derivation from skill_invocations order by skill_name').all()
      expect(runs).toEqual([
        // The transcript says the turn ended on two failing calls and a correction: failed, over its whole span.
        { skill_name: 'crackerjack-run', status: 'failed', duration_ms: 10_000, outcome_source: 'inferred', derivation: CURRENT_DERIVATION },
        { skill_name: 'deploy', status: 'completed', duration_ms: 7000, outcome_source: 'explicit', derivation: CURRENT_DERIVATION },
        // Only the old hook's load-time "completed" is known, and it is no outcome: running until its transcript says more.
        { skill_name: 'docs', status: 'running', duration_ms: null, outcome_source: null, derivation: CURRENT_DERIVATION },
        // Its transcript is gone: kept as the old derivation said, and marked so.
        { skill_name: 'old-skill', status: 'completed', duration_ms: 900, outcome_source: null, derivation: 1 },
      ])
      expect(rebuildNeeded(sqlite)).toBe(false)
    } finally {
      await upgraded.close()
    }
  })

  it('is not needed on a new database', async () => {
    const database = await openDatabase(path.join(tempDir(), 'db.sqlite'))
    try {
      expect(rebuildNeeded(database.sqlite)).toBe(false)
    } finally {
      await database.close()
    }
  })
})
