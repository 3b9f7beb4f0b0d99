import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { eventsDir } from '../events/event-log-paths'
import { EventFileIngester } from '../ingest/event-file-ingester'
import { addProjectRow, databaseWithProject } from '../test-support/project-db'
import { summariesFromScratch as fromScratch, summarySnapshot as snapshot } from '../test-support/summary-snapshot'
import { refreshInsightSummaries } from './insight-summaries'
import { summaryUpkeepTotals } from './summary-upkeep'

const SKILLS = ['debugging', 'lint', 'release', 'docs']
const STATUSES = ['running', 'completed', 'failed', 'abandoned', 'unknown']

describe('summaries kept current from the logged changes', () => {
  it('equal summaries recomputed from scratch after any mix of inserts, completions, re-opens, moves and deletions', async () => {
    const t = await databaseWithProject()
    const second = addProjectRow(t.database, `${t.projectPath}-second`)
    const excluded = addProjectRow(t.database, `${t.projectPath}-excluded`)
    t.sqlite.prepare('update projects set include_in_insights = 0 where id = ?').run(excluded)
    const projects = [t.project.id, second, excluded]
    t.sqlite.prepare("insert into sessions (id, project_id, started_at, source, created_at, synthetic) values ('legacy:made-up', ?, '2026-10-30T00:00:00Z', 'legacy', 'x', 1)").run(t.project.id)
    const addSession = t.sqlite.prepare("insert or ignore into sessions (id, project_id, started_at, source, created_at) values (?, ?, '2026-10-01T00:00:00Z', 'test', 'x')")
    const insert = t.sqlite.prepare(`insert into skill_invocations (project_id, session_id, skill_name, status, started_at, duration_ms, error_type, workflow_path, follow_up_actions, source, source_ref)
      values (?, ?, ?, ?, ?, ?, ?, ?, ?, 'test', ?)`)
    const ids = () => t.sqlite.prepare('select id from skill_invocations').pluck().all() as number[]
    let state = 11
    const next = () => (state = (state * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31
    const pick = <T>(items: T[]): T => items[Math.floor(next() * items.length)]!
    // Days either side of a month edge, so roll-ups of two months are touched.
    const day = () => new Date(Date.parse('2026-10-29T00:00:00Z') + Math.floor(next() * 5 * 86_400_000)).toISOString()
    let ref = 0
    for (let round = 0; round < 30; round++) {
      for (let i = 0; i < 40; i++) {
        const op = next()
        const id = pick(ids().length ? ids() : [0])
        if (op < 0.45 || id === 0) {
          const project = pick(projects)
          const session = next() < 0.1 ? 'legacy:made-up' : next() < 0.1 ? null : `s${project}-${Math.floor(next() * 8)}`
          if (session && session !== 'legacy:made-up') addSession.run(session, project)
          const status = pick(STATUSES)
          insert.run(
            session === 'legacy:made-up' ? t.project.id : project,
            session,
            pick(SKILLS),
            status,
            day(),
            status === 'running' ? null : Math.floor(next() * 90_000),
            status === 'failed' ? pick(['TypeError', 'Timeout']) : null,
            next() < 0.5 ? pick(['quick', 'comprehensive']) : null,
            JSON.stringify(['git commit', 'tests passed', 'git push'].filter(() => next() < 0.3)),
            `r-${ref++}`,
          )
        } else if (op < 0.75) {
          // Completion: what ingest does most.
          const status = pick(STATUSES.slice(1))
          t.sqlite
            .prepare("update skill_invocations set status = ?, duration_ms = ?, error_type = ?, follow_up_actions = ? where id = ?")
            .run(status, Math.floor(next() * 90_000), status === 'failed' ? 'TypeError' : null, next() < 0.5 ? '["git commit"]' : '[]', id)
        } else if (op < 0.82) {
          t.sqlite.prepare("update skill_invocations set status = 'running', duration_ms = null, error_type = null, follow_up_actions = '[]' where id = ?").run(id)
        } else if (op < 0.88) {
          t.sqlite.prepare('update skill_invocations set workflow_path = ? where id = ?').run(pick(['quick', null, 'deep']), id)
        } else if (op < 0.93) {
          t.sqlite.prepare('update skill_invocations set started_at = ? where id = ?').run(day(), id)
        } else if (op < 0.96) {
          t.sqlite.prepare('update skill_invocations set skill_name = ? where id = ?').run(pick(SKILLS), id)
        } else {
          t.sqlite.prepare('delete from skill_invocations where id = ?').run(id)
        }
      }
      refreshInsightSummaries(t.sqlite)
      if (round === 15) t.sqlite.prepare('update projects set include_in_insights = 1 where id = ?').run(excluded)
    }
    expect(t.sqlite.prepare('select count(*) from insight_changes').pluck().get()).toBe(0)
    const kept = snapshot(t.sqlite)
    expect((kept.usage_daily as unknown[]).length).toBeGreaterThan(20)
    expect((kept.sequence_daily as unknown[]).length).toBeGreaterThan(20)
    expect(kept).toEqual(fromScratch(t.sqlite))
  })

  it('add up deltas without recomputing days: a completion changes counts, buckets and facts, not the day queue', async () => {
    const t = await databaseWithProject()
    t.sqlite.prepare("insert into sessions (id, project_id, started_at, source, created_at) values ('s1', ?, '2026-11-02T10:00:00Z', 'test', 'x')").run(t.project.id)
    const insert = t.sqlite.prepare(`insert into skill_invocations (project_id, session_id, skill_name, status, started_at, source, source_ref) values (?, 's1', ?, 'running', ?, 'test', ?)`)
    insert.run(t.project.id, 'lint', '2026-11-02T10:00:00.000Z', 'a')
    insert.run(t.project.id, 'docs', '2026-11-02T10:05:00.000Z', 'b')
    refreshInsightSummaries(t.sqlite)
    t.sqlite.prepare("update skill_invocations set status = 'failed', duration_ms = 1000, error_type = 'Timeout' where source_ref = 'b'").run()
    expect(t.sqlite.prepare('select count(*) from insight_dirty_days').pluck().get()).toBe(0)
    expect(t.sqlite.prepare('select count(*) from insight_changes').pluck().get()).toBe(2)
    const refresh = refreshInsightSummaries(t.sqlite)
    expect(refresh.days).toBe(0)
    expect(t.sqlite.prepare("select invocations, failed, duration_n from usage_daily where skill_name = 'docs'").get()).toEqual({ invocations: 1, failed: 1, duration_n: 1 })
    expect(t.sqlite.prepare("select value, n from skill_facts_daily where kind = 'error'").all()).toEqual([{ value: 'Timeout', n: 1 }])
    expect(t.sqlite.prepare('select sequence, sessions, completed from sequence_daily').all()).toEqual([{ sequence: 'lint → docs', sessions: 1, completed: 0 }])
  })

  it('are kept current while a multi-batch event log is ingested, with no refresh in between', async () => {
    const t = await databaseWithProject()
    const file = path.join(eventsDir(t.projectPath), 'bulk.jsonl')
    fs.mkdirSync(path.dirname(file), { recursive: true })
    const lines: string[] = []
    const base = Date.parse('2026-10-30T00:00:00Z')
    for (let i = 0; i < 30_000; i++) {
      const ts = new Date(base + i * 20_000).toISOString()
      const session = `s${Math.floor(i / 40)}`
      const skill = SKILLS[i % SKILLS.length]
      // Each run's completion comes a few runs later, often in a later batch than its start.
      lines.push(JSON.stringify({ v: 1, id: `a${i}`, ts, session_id: session, type: 'skill.invoked', invocation_id: `i${i}`, skill }))
      if (i >= 3) lines.push(JSON.stringify({ v: 1, id: `b${i}`, ts, session_id: `s${Math.floor((i - 3) / 40)}`, type: i % 7 ? 'skill.completed' : 'skill.failed', invocation_id: `i${i - 3}`, skill: SKILLS[(i - 3) % SKILLS.length], duration_ms: 1000 + (i % 50) * 100, ...(i % 7 ? {} : { error_type: 'TypeError' }) }))
    }
    fs.writeFileSync(file, `${lines.join('\n')}\n`)
    new EventFileIngester(t.sqlite).ingest(file, t.project)
    expect(summaryUpkeepTotals(t.sqlite).runs).toBeGreaterThan(0)
    // What the upkeeps added so far, before any reader refreshed: most of the 30,000 runs.
    const counted = t.sqlite.prepare('select sum(invocations) from usage_daily').pluck().get() as number
    expect(counted).toBeGreaterThan(0)
    refreshInsightSummaries(t.sqlite)
    expect(t.sqlite.prepare('select sum(invocations) from usage_daily').pluck().get()).toBe(30_000)
    expect(snapshot(t.sqlite)).toEqual(fromScratch(t.sqlite))
  })
})
