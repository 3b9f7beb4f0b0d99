import { describe, expect, it } from 'vitest'
import { databaseWithProject } from '../test-support/project-db'
import { listSessions, skillMetrics } from './skill-metrics.repository'

describe('skill metrics', () => {
  it('computes counts, rates, percentiles, errors and follow-ups (hand-computed)', async () => {
    const t = await databaseWithProject()
    const insert = t.sqlite.prepare(`insert into skill_invocations (project_id, session_id, skill_name, status, started_at, duration_ms, error_type, workflow_path, follow_up_actions, source, source_ref)
      values (${t.project.id}, null, ?, ?, ?, ?, ?, ?, ?, 'test', ?)`)
    const rows: Array<[string, string, string, number | null, string | null, string | null, string]> = [
      ['crackerjack-run', 'completed', '2026-11-01T10:00:00Z', 1000, null, 'quick', '["git commit"]'],
      ['crackerjack-run', 'completed', '2026-11-02T10:00:00Z', 2000, null, 'quick', '["git commit","git push"]'],
      ['crackerjack-run', 'completed', '2026-11-03T10:00:00Z', 3000, null, 'comprehensive', '[]'],
      ['crackerjack-run', 'completed', '2026-11-04T10:00:00Z', 10000, null, 'quick', '[]'],
      ['crackerjack-run', 'failed', '2026-11-05T10:00:00Z', 500, 'TypeError', 'quick', '[]'],
      ['crackerjack-run', 'failed', '2026-11-06T10:00:00Z', null, 'TypeError', null, '[]'],
      ['crackerjack-run', 'abandoned', '2026-11-07T10:00:00Z', null, null, null, '[]'],
      ['crackerjack-run', 'running', '2026-11-08T10:00:00Z', null, null, null, '[]'],
      ['crackerjack-run', 'unknown', '2026-11-09T10:00:00Z', null, null, null, '[]'],
      ['session-checkpoint', 'completed', '2026-11-03T11:00:00Z', 700, null, null, '[]'],
      ...[1, 2, 3, 4].map((d): [string, string, string, number, null, null, string] => ['docs-lookup', 'completed', `2026-11-1${d}T10:00:00Z`, 30_000, null, null, '[]']),
    ]
    rows.forEach((r, i) => insert.run(...r, `ref-${i}`))
    const { scope, skills } = skillMetrics(t.sqlite, { scope: 'all' })
    expect(scope).toMatchObject({ kind: 'all', label: 'the 1 registered project · all time' })
    const [cj, docs, checkpoint] = skills
    expect(cj).toMatchObject({
      skill: 'crackerjack-run',
      invocations: 9,
      completed: 4,
      failed: 2,
      abandoned: 1,
      unknown: 1,
      running: 1,
      // Over runs whose outcome is known: 4 of 7 (unknown and running are counted apart).
      completionRate: 4 / 7,
      // Every ended run with a duration: 500, 1000, 2000, 3000, 10000; nearest rank ceil(0.5*5)=3 and ceil(0.95*5)=5.
      p50DurationMs: 2000,
      p95DurationMs: 10000,
      durationSamples: 5,
      durationsApproximate: false,
      commonErrors: [{ value: 'TypeError', count: 2 }],
      followUpActions: [
        { value: 'git commit', count: 2 },
        { value: 'git push', count: 1 },
      ],
      workflowPaths: [
        { value: 'quick', count: 4 },
        { value: 'comprehensive', count: 1 },
      ],
      projects: ['project'],
      firstUsed: '2026-11-01T10:00:00Z',
      lastUsed: '2026-11-09T10:00:00Z',
    })
    expect(checkpoint).toMatchObject({ skill: 'session-checkpoint', invocations: 1, completionRate: 1, p50DurationMs: 700 })
    // Small samples are exact: four 30 s runs have a median of 30 s, not a bucket's midpoint.
    expect(docs).toMatchObject({ skill: 'docs-lookup', p50DurationMs: 30_000, p95DurationMs: 30_000, durationsApproximate: false })
    expect(skillMetrics(t.sqlite, { projectId: t.project.id + 1 }).skills).toEqual([])
  })

  it('uses duration buckets from 200 timed runs up, and says so', async () => {
    const t = await databaseWithProject()
    const insert = t.sqlite.prepare(`insert into skill_invocations (project_id, skill_name, status, started_at, duration_ms, source, source_ref) values (${t.project.id}, 'bulk', 'completed', ?, ?, 'test', ?)`)
    for (let i = 0; i < 200; i++) insert.run(`2026-11-01T10:${String(Math.floor(i / 60)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}Z`, 30_000, `b-${i}`)
    const [bulk] = skillMetrics(t.sqlite, { scope: 'all' }).skills
    expect(bulk).toMatchObject({ durationSamples: 200, durationsApproximate: true })
    expect(Math.abs(bulk!.p50DurationMs! - 30_000) / 30_000).toBeLessThan(0.095)
  })

  it('lists sessions newest first with their invocations in order', async () => {
    const t = await databaseWithProject()
    const now = '2026-11-25T10:00:00Z'
    t.sqlite.prepare(`insert into sessions (id, project_id, started_at, source, created_at) values ('old', ?, '2026-11-01T00:00:00Z', 't', ?), ('new', ?, '2026-11-20T00:00:00Z', 't', ?)`).run(t.project.id, now, t.project.id, now)
    const insert = t.sqlite.prepare(`insert into skill_invocations (project_id, session_id, skill_name, status, started_at, source, source_ref) values (?, ?, ?, 'completed', ?, 't', ?)`)
    insert.run(t.project.id, 'new', 'b', '2026-11-20T00:02:00Z', 'r1')
    insert.run(t.project.id, 'new', 'a', '2026-11-20T00:01:00Z', 'r2')
    const sessions = listSessions(t.sqlite)
    expect(sessions.map((s) => s.id)).toEqual(['new', 'old'])
    expect(sessions[0]!.invocations.map((i) => i.skill)).toEqual(['a', 'b'])
  })
})
