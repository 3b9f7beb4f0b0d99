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
      ['session-checkpoint', 'completed', '2026-11-03T11:00:00Z', 700, null, null, '[]'],
    ]
    rows.forEach((r, i) => insert.run(...r, `ref-${i}`))
    const [cj, checkpoint] = skillMetrics(t.sqlite)
    expect(cj).toMatchObject({
      skill: 'crackerjack-run',
      invocations: 8,
      completed: 4,
      failed: 2,
      abandoned: 1,
      running: 1,
      completionRate: 4 / 7,
      p50DurationMs: 2000, // completed durations 1000, 2000, 3000, 10000: nearest rank ceil(0.5*4)=2
      p95DurationMs: 10000,
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
      lastUsed: '2026-11-08T10:00:00Z',
    })
    expect(checkpoint).toMatchObject({ skill: 'session-checkpoint', invocations: 1, completionRate: 1, p50DurationMs: 700 })
    expect(skillMetrics(t.sqlite, t.project.id + 1)).toEqual([])
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
