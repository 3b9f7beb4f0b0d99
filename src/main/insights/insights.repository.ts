import type BetterSqlite3 from 'better-sqlite3'
import type { SkillRunView } from '../../shared/api/insights'
import type { RunEvidence } from '../../shared/api/outcomes'
import type { InvocationStatus } from '../../shared/api/tracking'
import { bucketSql, windowParams, type InsightWindow } from './insight-window'

/**
 * A window and the projects it covers. `includedOnly` says the projects are exactly those included in
 * insights, whose month sums (sequences, durations) are kept ready; other sets sum per-project months.
 */
export type ScopedWindow = InsightWindow & { projects: number[]; includedOnly: boolean }

/** Included projects as an IN list, so each table is read through its (project_id, ...) key. */
const INCLUDED = 'where x.project_id in (select value from json_each(@projects))'
const IN_SCOPE = 'x.project_id in (select value from json_each(@projects))'
const EDGE_DAYS = '((x.day >= @beforeFrom and x.day <= @beforeTo) or (x.day >= @afterFrom and x.day <= @afterTo))'
const WHOLE_MONTHS = 'x.month >= @m1 and x.month <= @m2'

/**
 * Queries over the summary tables (see migration 005) for the projects included in insights. Whole
 * months inside the window come from the monthly roll-ups, the days at its edges from the daily
 * tables, so a year-long window reads about as much as a month-long one.
 */
export class InsightsRepository {
  constructor(private readonly sqlite: BetterSqlite3.Database) {}

  includedProjects(): Array<{ id: number; name: string; project_type: string; path: string }> {
    return this.sqlite.prepare('select id, name, project_type, path from projects where include_in_insights = 1 order by name, id').all() as Array<{ id: number; name: string; project_type: string; path: string }>
  }

  excludedProjectCount(): number {
    return this.sqlite.prepare('select count(*) from projects where include_in_insights = 0').pluck().get() as number
  }

  usageByProjectSkill(window: ScopedWindow, skill?: string) {
    const only = skill ? 'and x.skill_name = @skill' : ''
    const columns = 'x.project_id, x.skill_name, x.invocations, x.completed, x.failed, x.abandoned, x.unknown, x.duration_n, x.duration_sum_ms'
    return this.sqlite
      .prepare(
        `select project_id, skill_name as skill, sum(invocations) as invocations, sum(completed) as completed, sum(failed) as failed,
                sum(abandoned) as abandoned, sum(unknown) as unknown, sum(duration_n) as duration_n, sum(duration_sum_ms) as duration_sum_ms
         from (select ${columns} from usage_monthly x ${INCLUDED} and ${WHOLE_MONTHS} ${only}
               union all select ${columns} from usage_daily x ${INCLUDED} and ${EDGE_DAYS} ${only})
         group by project_id, skill_name`,
      )
      .all(params(window, { skill })) as Array<{ project_id: number; skill: string; invocations: number; completed: number; failed: number; abandoned: number; unknown: number; duration_n: number; duration_sum_ms: number }>
  }

  trend(window: ScopedWindow, skill?: string) {
    const only = skill ? 'and x.skill_name = @skill' : ''
    // Monthly roll-ups serve a monthly trend; days and weeks need the daily rows.
    const query =
      window.granularity === 'month'
        ? `select bucket, skill, sum(invocations) as invocations from (
             select x.month || '-01' as bucket, x.skill_name as skill, x.invocations from usage_monthly x ${INCLUDED} and ${WHOLE_MONTHS} ${only}
             union all select substr(x.day, 1, 7) || '-01', x.skill_name, x.invocations from usage_daily x ${INCLUDED} and ${EDGE_DAYS} ${only})
           group by bucket, skill`
        : `select ${bucketSql(window.granularity, 'x.day')} as bucket, x.skill_name as skill, sum(x.invocations) as invocations
           from usage_daily x ${INCLUDED} and x.day >= @from and x.day <= @until ${only} group by bucket, x.skill_name`
    return this.sqlite.prepare(query).all(params(window, { skill })) as Array<{ bucket: string; skill: string; invocations: number }>
  }

  /** The first day with data in the scope's projects (each project's first row, through its key). */
  firstDay(window: ScopedWindow): string | null {
    return (
      (this.sqlite
        .prepare('select min((select min(day) from usage_daily u where u.project_id = p.value)) from json_each(@projects) p')
        .pluck()
        .get({ projects: JSON.stringify(window.projects) }) as string | null) ?? null
    )
  }

  durationBuckets(window: ScopedWindow, skill?: string): Array<{ skill: string; bucket: number; n: number }> {
    const only = skill ? 'and x.skill_name = @skill' : ''
    const p = params(window, { skill })
    const counts = new Map<string, Map<number, number>>()
    const add = (name: string, bucket: number, n: number) => {
      const perSkill = counts.get(name) ?? new Map<number, number>()
      perSkill.set(bucket, (perSkill.get(bucket) ?? 0) + n)
      counts.set(name, perSkill)
    }
    const months = window.includedOnly
      ? `select x.skill_name, x.histogram from duration_monthly_included x where ${WHOLE_MONTHS} ${only}`
      : `select x.skill_name, x.histogram from usage_monthly x ${INCLUDED} and ${WHOLE_MONTHS} ${only}`
    for (const row of this.sqlite.prepare(months).all(p) as Array<{ skill_name: string; histogram: string }>) {
      for (const [bucket, n] of Object.entries(JSON.parse(row.histogram) as Record<string, number>)) add(row.skill_name, Number(bucket), n)
    }
    for (const row of this.sqlite.prepare(`select x.skill_name, x.bucket, sum(x.n) as n from duration_daily x ${INCLUDED} and ${EDGE_DAYS} ${only} group by x.skill_name, x.bucket`).all(p) as Array<{ skill_name: string; bucket: number; n: number }>) {
      add(row.skill_name, row.bucket, row.n)
    }
    return [...counts.entries()].flatMap(([name, buckets]) => [...buckets.entries()].map(([bucket, n]) => ({ skill: name, bucket, n })))
  }

  sequences(window: ScopedWindow, minSessions: number, skill?: string) {
    const only = skill ? "and (' → ' || x.sequence || ' → ') like '% → ' || @skill || ' → %'" : ''
    return this.sqlite
      .prepare(
        `select sequence, length, sum(sessions) as sessions, sum(completed) as completed from (
           select x.sequence, x.length, x.sessions, x.completed from ${window.includedOnly ? 'sequence_monthly_included x where' : `sequence_monthly x where ${IN_SCOPE} and`} ${WHOLE_MONTHS} ${only}
           union all select x.sequence, x.length, x.sessions, x.completed from sequence_daily x ${INCLUDED} and ${EDGE_DAYS} ${only})
         group by sequence having sum(sessions) >= @minSessions
         order by sessions desc, length desc, sequence limit 200`,
      )
      .all(params(window, { skill, minSessions })) as Array<{ sequence: string; length: number; sessions: number; completed: number }>
  }

  sessionsWithSkills(window: ScopedWindow): number {
    return (
      (this.sqlite
        .prepare(
          `select sum(sessions) from (
             select x.sessions from session_months x ${INCLUDED} and ${WHOLE_MONTHS}
             union all select x.sessions from session_days x ${INCLUDED} and ${EDGE_DAYS})`,
        )
        .pluck()
        .get(params(window)) as number | null) ?? 0
    )
  }

  /** Failed workflow nodes, each attributed to the last skill started before it in the same session. */
  failuresAfterSkills(window: ScopedWindow) {
    return this.sqlite
      .prepare(
        `select skill, count(*) as failures, count(distinct session_id) as sessions from (
           select r.session_id, (select i.skill_name from skill_invocations i where i.session_id = r.session_id and i.started_at <= n.started_at
                                 order by i.started_at desc limit 1) as skill
           from workflow_nodes n join workflow_runs r on r.id = n.run_id
           where r.project_id in (select value from json_each(@projects)) and n.status = 'failed' and r.session_id is not null and n.started_at >= @from and n.started_at <= @untilEnd
         ) where skill is not null group by skill`,
      )
      .all(params(window)) as Array<{ skill: string; failures: number; sessions: number }>
  }

  nodeDurations(window: ScopedWindow) {
    return this.sqlite
      .prepare(
        `select n.name, n.duration_ms from workflow_nodes n join workflow_runs r on r.id = n.run_id
         where r.project_id in (select value from json_each(@projects)) and n.duration_ms is not null and n.started_at >= @from and n.started_at <= @untilEnd`,
      )
      .all(params(window)) as Array<{ name: string; duration_ms: number }>
  }

  /** Errors and follow-up actions of one skill (raw rows: only that skill's, through its index). */
  skillDetails(window: ScopedWindow, skill: string) {
    const rows = this.sqlite
      .prepare(
        `select i.error_type, i.follow_up_actions from skill_invocations i
         where i.project_id in (select value from json_each(@projects)) and i.skill_name = @skill and i.started_at >= @from and i.started_at <= @untilEnd`,
      )
      .all(params(window, { skill })) as Array<{ error_type: string | null; follow_up_actions: string }>
    const recent = this.sqlite
      .prepare(
        `select i.session_id as id, p.name as projectName, min(i.started_at) as startedAt,
                case when sum(i.status = 'failed') > 0 then 'failed' when sum(i.status = 'abandoned') > 0 then 'abandoned'
                     when sum(i.status = 'running') > 0 then 'running' when sum(i.status = 'unknown') > 0 then 'unknown' else 'completed' end as status
         from skill_invocations i join projects p on p.id = i.project_id
         where i.project_id in (select value from json_each(@projects)) and i.skill_name = @skill and i.session_id is not null and i.started_at >= @from and i.started_at <= @untilEnd
         group by i.session_id order by startedAt desc, i.session_id limit 20`,
      )
      .all(params(window, { skill })) as Array<{ id: string; projectName: string; startedAt: string; status: string }>
    const runs = (
      this.sqlite
        .prepare(
          `select i.id, i.session_id, p.name as project_name, i.started_at, i.status, i.duration_ms, i.outcome_source, i.evidence
           from skill_invocations i join projects p on p.id = i.project_id
           where i.project_id in (select value from json_each(@projects)) and i.skill_name = @skill and i.started_at >= @from and i.started_at <= @untilEnd
           order by i.started_at desc, i.id desc limit 20`,
        )
        .all(params(window, { skill })) as Array<{ id: number; session_id: string | null; project_name: string; started_at: string; status: InvocationStatus; duration_ms: number | null; outcome_source: 'explicit' | 'inferred' | null; evidence: string | null }>
    ).map(
      (r): SkillRunView => ({
        id: r.id,
        sessionId: r.session_id,
        projectName: r.project_name,
        startedAt: r.started_at,
        status: r.status,
        durationMs: r.duration_ms,
        outcomeSource: r.outcome_source,
        evidence: r.evidence ? (JSON.parse(r.evidence) as RunEvidence) : null,
      }),
    )
    return { rows, recent, runs }
  }

  /** Exact durations of the given skills' ended runs in the window: for samples too small for histograms. */
  exactDurations(window: ScopedWindow, skills: string[]): Array<{ skill: string; duration_ms: number }> {
    if (skills.length === 0) return []
    return this.sqlite
      .prepare(
        `select i.skill_name as skill, i.duration_ms from skill_invocations i
         where i.project_id in (select value from json_each(@projects)) and i.skill_name in (select value from json_each(@skills))
           and i.started_at >= @from and i.started_at <= @untilEnd and i.duration_ms is not null`,
      )
      .all(params(window, { skills: JSON.stringify(skills) })) as Array<{ skill: string; duration_ms: number }>
  }
}

function params(window: ScopedWindow & { projects: number[] }, extra: Record<string, unknown> = {}) {
  const defined = Object.fromEntries(Object.entries(extra).filter(([, v]) => v !== undefined))
  return { from: window.from ?? '0000-00-00', until: window.until, untilEnd: `${window.until}~`, projects: JSON.stringify(window.projects), ...windowParams(window), ...defined }
}
