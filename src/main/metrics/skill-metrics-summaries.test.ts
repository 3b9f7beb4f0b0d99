import { describe, expect, it } from 'vitest'
import { addProjectRow, databaseWithProject } from '../test-support/project-db'
import { topCounts } from './percentile'
import { skillMetrics } from './skill-metrics.repository'

const SKILLS = ['debugging', 'lint', 'release', 'docs']
const ERRORS = ['TypeError', 'Timeout', 'LintError']
const PATHS = ['quick', 'comprehensive']
const FOLLOW_UPS = ['git commit', 'git push', 'tests passed']

/** A generated history over three projects (one left out of insights) from mid-October to the end of November. */
async function generated() {
  const t = await databaseWithProject()
  const second = addProjectRow(t.database, `${t.projectPath}-second`)
  const excluded = addProjectRow(t.database, `${t.projectPath}-excluded`)
  t.sqlite.prepare('update projects set include_in_insights = 0 where id = ?').run(excluded)
  const projects = [t.project.id, second, excluded]
  const insert = t.sqlite.prepare(`insert into skill_invocations (project_id, skill_name, status, started_at, duration_ms, error_type, workflow_path, follow_up_actions, source, source_ref)
    values (?, ?, ?, ?, ?, ?, ?, ?, 'test', ?)`)
  let state = 7
  const next = () => (state = (state * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31
  const start = Date.parse('2026-10-15T00:00:00Z')
  for (let i = 0; i < 1500; i++) {
    const status = next() < 0.7 ? 'completed' : next() < 0.5 ? 'failed' : 'abandoned'
    const followUps = FOLLOW_UPS.filter(() => next() < 0.3)
    insert.run(
      projects[i % 3],
      SKILLS[Math.floor(next() * SKILLS.length)],
      status,
      new Date(start + Math.floor(next() * 45 * 86_400_000)).toISOString(),
      Math.floor(next() * 60_000),
      status === 'failed' ? ERRORS[Math.floor(next() * ERRORS.length)] : null,
      next() < 0.4 ? PATHS[Math.floor(next() * PATHS.length)] : null,
      JSON.stringify(followUps),
      `r-${i}`,
    )
  }
  return { ...t, projects, excluded }
}

/** The same figures straight from the raw rows, as the Skills list computed them before it read summaries. */
function fromRawRows(sqlite: import('better-sqlite3').Database, projects: number[], from: string, until: string) {
  const rows = sqlite
    .prepare(`select i.skill_name, i.status, i.started_at, i.error_type, i.workflow_path, i.follow_up_actions, p.name from skill_invocations i join projects p on p.id = i.project_id
      where i.project_id in (select value from json_each(?)) and i.started_at >= ? and i.started_at <= ?`)
    .all(JSON.stringify(projects), from, `${until}~`) as Array<{ skill_name: string; status: string; started_at: string; error_type: string | null; workflow_path: string | null; follow_up_actions: string; name: string }>
  const bySkill = new Map<string, { invocations: number; completed: number; errors: Map<string, number>; paths: Map<string, number>; followUps: Map<string, number>; projects: Set<string>; first: string; last: string }>()
  const bump = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1)
  for (const r of rows) {
    const s = bySkill.get(r.skill_name) ?? { invocations: 0, completed: 0, errors: new Map(), paths: new Map(), followUps: new Map(), projects: new Set(), first: r.started_at, last: r.started_at }
    s.invocations++
    if (r.status === 'completed') s.completed++
    if (r.error_type) bump(s.errors, r.error_type)
    if (r.workflow_path) bump(s.paths, r.workflow_path)
    for (const action of JSON.parse(r.follow_up_actions) as string[]) bump(s.followUps, action)
    s.projects.add(r.name)
    if (r.started_at < s.first) s.first = r.started_at
    if (r.started_at > s.last) s.last = r.started_at
    bySkill.set(r.skill_name, s)
  }
  return bySkill
}

describe('skill metrics from the summaries', () => {
  it('equal the same figures computed from the raw rows, for windows crossing month edges and any set of projects', async () => {
    const t = await generated()
    const included = t.projects.filter((id) => id !== t.excluded)
    const cases = [
      { input: { scope: 'all' as const }, projects: t.projects, from: '0000-00-00', until: '2026-12-31' },
      { input: { scope: 'included' as const }, projects: included, from: '0000-00-00', until: '2026-12-31' },
      { input: { scope: 'all' as const, days: 30, until: '2026-11-20' }, projects: t.projects, from: '2026-10-22', until: '2026-11-20' },
      { input: { scope: 'included' as const, days: 45, until: '2026-11-17' }, projects: included, from: '2026-10-04', until: '2026-11-17' },
      { input: { projectId: t.excluded }, projects: [t.excluded], from: '0000-00-00', until: '2026-12-31' },
    ]
    for (const { input, projects, from, until } of cases) {
      const { skills } = skillMetrics(t.sqlite, input)
      const raw = fromRawRows(t.sqlite, projects, from, until)
      expect(skills.map((s) => s.skill).sort(), JSON.stringify(input)).toEqual([...raw.keys()].sort())
      for (const s of skills) {
        const r = raw.get(s.skill)!
        expect(
          { invocations: s.invocations, completed: s.completed, errors: s.commonErrors, paths: s.workflowPaths, followUps: s.followUpActions, projects: s.projects, first: s.firstUsed, last: s.lastUsed },
          `${s.skill} ${JSON.stringify(input)}`,
        ).toEqual({
          invocations: r.invocations,
          completed: r.completed,
          errors: topCounts(r.errors),
          paths: topCounts(r.paths),
          followUps: topCounts(r.followUps),
          projects: [...r.projects].sort(),
          first: r.first,
          last: r.last,
        })
      }
    }
  })

  it('stay equal after a new run, read through the dirty day it marks', async () => {
    const t = await generated()
    skillMetrics(t.sqlite, { scope: 'all' })
    t.sqlite
      .prepare(`insert into skill_invocations (project_id, skill_name, status, started_at, error_type, workflow_path, follow_up_actions, source, source_ref)
        values (?, 'lint', 'failed', '2026-11-30T10:00:00.000Z', 'BrandNewError', 'nightly', '["git revert"]', 'test', 'late')`)
      .run(t.project.id)
    const lint = skillMetrics(t.sqlite, { scope: 'all' }).skills.find((s) => s.skill === 'lint')!
    const raw = fromRawRows(t.sqlite, t.projects, '0000-00-00', '2026-12-31').get('lint')!
    expect(lint.lastUsed).toBe('2026-11-30T10:00:00.000Z')
    expect(lint.commonErrors).toEqual(topCounts(raw.errors))
    expect(lint.commonErrors.some((e) => e.value === 'BrandNewError')).toBe(true)
    expect(lint.workflowPaths).toEqual(topCounts(raw.paths))
    expect(lint.followUpActions).toEqual(topCounts(raw.followUps))
  })
})
