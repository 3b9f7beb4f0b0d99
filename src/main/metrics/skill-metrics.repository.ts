import type BetterSqlite3 from 'better-sqlite3'
import type { CountedValue, InvocationStatus, SessionView, SkillMetricsView } from '../../shared/api/tracking'
import { SESSION_HEADER_COLUMNS, toInvocation, toSessionHeader } from '../correlation/timeline.repository'
import { percentile, topCounts } from './percentile'

interface InvocationRow {
  skill_name: string
  status: InvocationStatus
  duration_ms: number | null
  error_type: string | null
  follow_up_actions: string
  workflow_path: string | null
  started_at: string
  project_name: string
}

/** Per-skill metrics (a query over invocations, no triggers), for one project or all of them. */
export function skillMetrics(sqlite: BetterSqlite3.Database, projectId?: number): SkillMetricsView[] {
  const rows = sqlite
    .prepare(
      `select i.skill_name, i.status, i.duration_ms, i.error_type, i.follow_up_actions, i.workflow_path, i.started_at, p.name as project_name
       from skill_invocations i join projects p on p.id = i.project_id
       where (@project is null or i.project_id = @project)
       order by i.skill_name`,
    )
    .all({ project: projectId ?? null }) as InvocationRow[]

  const bySkill = new Map<string, InvocationRow[]>()
  for (const row of rows) {
    const list = bySkill.get(row.skill_name) ?? []
    list.push(row)
    bySkill.set(row.skill_name, list)
  }
  return [...bySkill.entries()].map(([skill, list]) => summarize(skill, list)).sort((a, b) => b.invocations - a.invocations || a.skill.localeCompare(b.skill))
}

function summarize(skill: string, rows: InvocationRow[]): SkillMetricsView {
  const count = (status: InvocationStatus) => rows.filter((r) => r.status === status).length
  const completed = count('completed')
  const failed = count('failed')
  const abandoned = count('abandoned')
  const finished = completed + failed + abandoned
  const durations = rows
    .filter((r) => r.status === 'completed' && r.duration_ms !== null)
    .map((r) => r.duration_ms!)
    .sort((a, b) => a - b)
  const errors = new Map<string, number>()
  const followUps = new Map<string, number>()
  const paths = new Map<string, number>()
  const bump = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1)
  for (const r of rows) {
    if (r.error_type) bump(errors, r.error_type)
    if (r.workflow_path) bump(paths, r.workflow_path)
    for (const action of parseStringArray(r.follow_up_actions)) bump(followUps, action)
  }
  const starts = rows.map((r) => r.started_at).sort()
  return {
    skill,
    invocations: rows.length,
    completed,
    failed,
    abandoned,
    running: count('running'),
    completionRate: finished === 0 ? null : completed / finished,
    p50DurationMs: percentile(durations, 50),
    p95DurationMs: percentile(durations, 95),
    commonErrors: topCounts(errors),
    followUpActions: topCounts(followUps),
    workflowPaths: topCounts(paths) as CountedValue[],
    projects: [...new Set(rows.map((r) => r.project_name))].sort(),
    firstUsed: starts[0]!,
    lastUsed: starts.at(-1)!,
  }
}

export function parseStringArray(json: string): string[] {
  try {
    const value: unknown = JSON.parse(json)
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []
  } catch {
    return []
  }
}

/** Sessions newest first, each with its skill invocations in order. */
export function listSessions(sqlite: BetterSqlite3.Database, options: { projectId?: number; limit?: number } = {}): SessionView[] {
  const sessions = sqlite
    .prepare(
      `select ${SESSION_HEADER_COLUMNS} from sessions s join projects p on p.id = s.project_id
       where (@project is null or s.project_id = @project)
       order by s.started_at desc limit @limit`,
    )
    .all({ project: options.projectId ?? null, limit: options.limit ?? 200 }) as Array<Record<string, unknown>>
  const invocations = sqlite.prepare(
    `select id, skill_name, status, started_at, ended_at, duration_ms, error_type, workflow_path, user_query, follow_up_actions, source
     from skill_invocations where session_id = ? order by started_at, id`,
  )
  return sessions.map((s) => ({
    ...toSessionHeader(s),
    invocations: (invocations.all(s.id) as Array<Record<string, unknown>>).map((i) => ({ ...toInvocation(i), source: i.source as string })),
  }))
}
