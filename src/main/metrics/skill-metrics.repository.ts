import { recommendationMetrics } from '../recommendations/recommendation-metrics'
import type BetterSqlite3 from 'better-sqlite3'
import type { ScopeInput } from '../../shared/api/scope'
import type { CountedValue, SessionView, SkillMetricsList } from '../../shared/api/tracking'
import { INVOCATION_FIELDS, sessionHeaders, toInvocation, toSessionHeader } from '../correlation/timeline.repository'
import { all, query } from '../storage/typed-query'
import { refreshInsightSummaries } from '../insights/insight-summaries'
import { InsightsRepository } from '../insights/insights.repository'
import { resolveScope } from '../insights/scope'
import { skillStats } from '../insights/skill-stats'
import { topCounts } from './percentile'

/**
 * Per-skill metrics for one scope (src/main/insights/scope.ts), read from the insight summaries only: counts,
 * rates and durations come from `skillStats`, the same computation Insights and the Skill page use, so
 * every surface agrees; error types, follow-ups, workflow paths, projects and first/last use come from the
 * same summary rows (a day's or a month's), never from a scan of every invocation.
 */
export function skillMetrics(sqlite: BetterSqlite3.Database, input: ScopeInput = {}): SkillMetricsList {
  refreshInsightSummaries(sqlite)
  const scope = resolveScope(sqlite, input)
  const repository = new InsightsRepository(sqlite)
  const usage = repository.usageByProjectSkill(scope)
  const stats = skillStats(repository, scope, { usage })
  const facts = new Map<string, Record<'error' | 'path' | 'follow-up', Map<string, number>>>()
  for (const fact of repository.skillFacts(scope)) {
    const entry = facts.get(fact.skill) ?? { error: new Map<string, number>(), path: new Map<string, number>(), 'follow-up': new Map<string, number>() }
    entry[fact.kind].set(fact.value, fact.n)
    facts.set(fact.skill, entry)
  }
  const projectNames = new Map(all(sqlite, query.selectFrom('projects').select(['id', 'name'])).map((p) => [p.id, p.name]))
  const spans = new Map<string, { projects: Set<string>; first: string; last: string }>()
  for (const row of usage) {
    const span = spans.get(row.skill) ?? { projects: new Set<string>(), first: row.first_at ?? '', last: row.last_at ?? '' }
    span.projects.add(projectNames.get(row.project_id) ?? String(row.project_id))
    if (row.first_at && (!span.first || row.first_at < span.first)) span.first = row.first_at
    if (row.last_at && row.last_at > span.last) span.last = row.last_at
    spans.set(row.skill, span)
  }
  const none = new Map<string, number>()
  // Recommendations made in the same days for the same projects (or for none): how they fared in real use.
  const recommended = recommendationMetrics(sqlite, { days: scope.days ?? undefined, until: scope.until, projectIds: scope.projects })
  const followThrough = new Map(recommended.bySkill.map((s) => [s.skill, s]))
  return {
    scope: scope.view,
    recommendations: { ...recommended.overall, windowMinutes: recommended.windowMinutes },
    skills: stats.map((s) => {
      const span = spans.get(s.skill)
      const fact = facts.get(s.skill)
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
        commonErrors: topCounts(fact?.error ?? none),
        followUpActions: topCounts(fact?.['follow-up'] ?? none),
        workflowPaths: topCounts(fact?.path ?? none) as CountedValue[],
        projects: [...(span?.projects ?? [])].sort(),
        firstUsed: span?.first ?? '',
        lastUsed: span?.last ?? '',
        followThrough: followThrough.get(s.skill) ?? null,
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
