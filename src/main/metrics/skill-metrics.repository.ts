import type BetterSqlite3 from 'better-sqlite3'
import type { ScopeInput } from '../../shared/api/scope'
import type { CountedValue, SessionView, SkillMetricsList } from '../../shared/api/tracking'
import { INVOCATION_FIELDS, sessionHeaders, toInvocation, toSessionHeader } from '../correlation/timeline.repository'
import { sql, type ExpressionBuilder } from 'kysely'
import type { Database } from '../storage/schema'
import { all, query } from '../storage/typed-query'
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
  const from = scope.from ?? '0000-00-00'
  const untilEnd = `${scope.until}~`
  const runs = () =>
    query
      .selectFrom('skill_invocations as i')
      .where('i.project_id', 'in', scope.projects)
      .where('i.started_at', '>=', from)
      .where('i.started_at', '<=', untilEnd)
  const grouped = (rows: Array<{ skill: string; value: string | null; n: number }>) => {
    const bySkill = new Map<string, Map<string, number>>()
    for (const row of rows) if (row.value !== null) bySkill.set(row.skill, (bySkill.get(row.skill) ?? new Map<string, number>()).set(row.value, row.n))
    return (skill: string) => bySkill.get(skill) ?? new Map<string, number>()
  }
  const count = (eb: ExpressionBuilder<Database & { i: Database['skill_invocations'] }, 'i'>) => eb.fn.countAll<number>().as('n')
  const errors = grouped(all(sqlite, runs().select((eb) => ['i.skill_name as skill', 'i.error_type as value', count(eb)]).where('i.error_type', 'is not', null).groupBy(['i.skill_name', 'i.error_type'])))
  const paths = grouped(all(sqlite, runs().select((eb) => ['i.skill_name as skill', 'i.workflow_path as value', count(eb)]).where('i.workflow_path', 'is not', null).groupBy(['i.skill_name', 'i.workflow_path'])))
  const followUps = grouped(
    all(
      sqlite,
      runs()
        .innerJoin(sql<{ value: string; type: string }>`json_each(i.follow_up_actions)`.as('j'), (join) => join.onTrue())
        .select((eb) => ['i.skill_name as skill', 'j.value as value', count(eb)])
        .where('i.follow_up_actions', '<>', '[]')
        .where('j.type', '=', 'text')
        .groupBy(['i.skill_name', 'j.value']),
    ),
  )
  const spans = new Map<string, { projects: Set<string>; first: string; last: string }>()
  for (const row of all(
    sqlite,
    runs()
      .innerJoin('projects as p', 'p.id', 'i.project_id')
      .select((eb) => ['i.skill_name as skill', 'p.name as project', eb.fn.min('i.started_at').as('first'), eb.fn.max('i.started_at').as('last')])
      .groupBy(['i.skill_name', 'i.project_id']),
  )) {
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
  const sessions = all(
    sqlite,
    sessionHeaders()
      .$if(options.projectId !== undefined, (q) => q.where('s.project_id', '=', options.projectId!))
      .orderBy('s.started_at', 'desc')
      .limit(options.limit ?? 200),
  )
  return sessions.map((s) => ({
    ...toSessionHeader(s),
    invocations: all(sqlite, query.selectFrom('skill_invocations').select([...INVOCATION_FIELDS, 'source']).where('session_id', '=', s.id).orderBy('started_at').orderBy('id')).map((i) => ({
      ...toInvocation(i),
      source: i.source,
    })),
  }))
}
