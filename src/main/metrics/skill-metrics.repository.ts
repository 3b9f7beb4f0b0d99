import type BetterSqlite3 from 'better-sqlite3'
import type { ScopeInput } from '../../shared/api/scope'
import type { CountedValue, SessionView, SkillMetricsList } from '../../shared/api/tracking'
import { INVOCATION_COLUMNS, SESSION_HEADER_COLUMNS, toInvocation, toSessionHeader } from '../correlation/timeline.repository'
import { refreshInsightSummaries } from '../insights/insight-summaries'
import { InsightsRepository } from '../insights/insights.repository'
import { resolveScope } from '../insights/scope'
import { skillStats } from '../insights/skill-stats'
import { topCounts } from './percentile'

/**
 * Per-skill metrics for one scope (src/main/insights/scope.ts): counts, rates and durations come from
 * `skillStats`, the same computation Insights and the Skill page use, so every surface agrees; errors,
 * follow-ups, workflow paths, projects and first/last use are grouped in SQL over the same scope.
 */
export function skillMetrics(sqlite: BetterSqlite3.Database, input: ScopeInput = {}): SkillMetricsList {
  refreshInsightSummaries(sqlite)
  const scope = resolveScope(sqlite, input)
  const stats = skillStats(new InsightsRepository(sqlite), scope)
  const params = { projects: JSON.stringify(scope.projects), from: scope.from ?? '0000-00-00', untilEnd: `${scope.until}~` }
  const inScope = 'i.project_id in (select value from json_each(@projects)) and i.started_at >= @from and i.started_at <= @untilEnd'
  const grouped = (sql: string) => {
    const bySkill = new Map<string, Map<string, number>>()
    for (const row of sqlite.prepare(sql).all(params) as Array<{ skill: string; value: string; n: number }>) {
      bySkill.set(row.skill, (bySkill.get(row.skill) ?? new Map<string, number>()).set(row.value, row.n))
    }
    return (skill: string) => bySkill.get(skill) ?? new Map<string, number>()
  }
  const errors = grouped(`select i.skill_name as skill, i.error_type as value, count(*) as n from skill_invocations i where ${inScope} and i.error_type is not null group by 1, 2`)
  const paths = grouped(`select i.skill_name as skill, i.workflow_path as value, count(*) as n from skill_invocations i where ${inScope} and i.workflow_path is not null group by 1, 2`)
  const followUps = grouped(
    `select i.skill_name as skill, j.value as value, count(*) as n from skill_invocations i, json_each(i.follow_up_actions) j
     where ${inScope} and i.follow_up_actions <> '[]' and j.type = 'text' group by 1, 2`,
  )
  const spans = new Map<string, { projects: Set<string>; first: string; last: string }>()
  for (const row of sqlite
    .prepare(
      `select i.skill_name as skill, p.name as project, min(i.started_at) as first, max(i.started_at) as last
       from skill_invocations i join projects p on p.id = i.project_id where ${inScope} group by i.skill_name, i.project_id`,
    )
    .all(params) as Array<{ skill: string; project: string; first: string; last: string }>) {
    const span = spans.get(row.skill) ?? { projects: new Set<string>(), first: row.first, last: row.last }
    span.projects.add(row.project)
    if (row.first < span.first) span.first = row.first
    if (row.last > span.last) span.last = row.last
    spans.set(row.skill, span)
  }
  return {
    scope: scope.view,
    skills: stats.map((s) => {
      const span = spans.get(s.skill)
      return {
        skill: s.skill,
        invocations: s.invocations,
        completed: s.completed,
        failed: s.failed,
        abandoned: s.abandoned,
        unknown: s.unknown,
        running: s.running,
        completionRate: s.completionRate,
        p50DurationMs: s.p50Ms,
        p95DurationMs: s.p95Ms,
        durationSamples: s.durationSamples,
        durationsApproximate: s.durationsApproximate,
        commonErrors: topCounts(errors(s.skill)),
        followUpActions: topCounts(followUps(s.skill)),
        workflowPaths: topCounts(paths(s.skill)) as CountedValue[],
        projects: [...(span?.projects ?? [])].sort(),
        firstUsed: span?.first ?? '',
        lastUsed: span?.last ?? '',
      }
    }),
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
  const invocations = sqlite.prepare(`select ${INVOCATION_COLUMNS}, source from skill_invocations where session_id = ? order by started_at, id`)
  return sessions.map((s) => ({
    ...toSessionHeader(s),
    invocations: (invocations.all(s.id) as Array<Record<string, unknown>>).map((i) => ({ ...toInvocation(i), source: i.source as string })),
  }))
}
