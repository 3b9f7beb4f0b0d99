import type BetterSqlite3 from 'better-sqlite3'
import { sql } from 'kysely'
import type { SkillRunView } from '../../shared/api/insights'
import type { RunEvidence } from '../../shared/api/outcomes'
import { all, first, query } from '../storage/typed-query'
import { bucketSql, windowParams, type InsightWindow } from './insight-window'

/**
 * A window and the projects it covers. `includedOnly` says the projects are exactly those included in
 * insights, whose month sums (sequences, durations) are kept ready; other sets sum per-project months.
 */
export type ScopedWindow = InsightWindow & { projects: number[]; includedOnly: boolean }

/** The scope's projects, on a summary table aliased x. */
const inScope = (window: ScopedWindow) => sql<boolean>`x.project_id in (${sql.join(window.projects)})`
/** The days at the window's edges, outside its whole months, on a daily table aliased x. */
const edgeDays = (window: ScopedWindow) => {
  const p = windowParams(window)
  return sql<boolean>`((x.day >= ${p.beforeFrom} and x.day <= ${p.beforeTo}) or (x.day >= ${p.afterFrom} and x.day <= ${p.afterTo}))`
}
/** The whole months inside the window, on a monthly table aliased x. */
const wholeMonths = (window: ScopedWindow) => {
  const p = windowParams(window)
  return sql<boolean>`x.month >= ${p.m1} and x.month <= ${p.m2}`
}

/**
 * Queries over the summary tables (see migration 005) for the scope's projects, as an IN list so each
 * table is read through its (project_id, ...) key. Whole months inside the window come from the
 * monthly roll-ups, the days at its edges from the daily tables, so a year-long window reads about as
 * much as a month-long one.
 */
const RECENT_SESSIONS = 20

export type SequenceRow = ReturnType<InsightsRepository['sequences']>[number]

export class InsightsRepository {
  constructor(private readonly sqlite: BetterSqlite3.Database) {}

  includedProjects(): Array<{ id: number; name: string; project_type: string; path: string }> {
    return all(this.sqlite, query.selectFrom('projects').select(['id', 'name', 'project_type', 'path']).where('include_in_insights', '=', 1).orderBy('name').orderBy('id'))
  }

  excludedProjectCount(): number {
    return first(this.sqlite, query.selectFrom('projects').select((eb) => eb.fn.countAll<number>().as('n')).where('include_in_insights', '=', 0))!.n
  }

  /** Usage per project and skill in the window: every skill, one, or a list. */
  usageByProjectSkill(window: ScopedWindow, skill?: string | string[]) {
    const columns = ['x.project_id', 'x.skill_name', 'x.invocations', 'x.completed', 'x.failed', 'x.abandoned', 'x.unknown', 'x.duration_n', 'x.duration_sum_ms', 'x.first_at', 'x.last_at'] as const
    const names = typeof skill === 'string' ? [skill] : skill
    const months = query.selectFrom('usage_monthly as x').select(columns).where(inScope(window)).where(wholeMonths(window)).$if(names !== undefined, (q) => q.where('x.skill_name', 'in', names!))
    const days = query.selectFrom('usage_daily as x').select(columns).where(inScope(window)).where(edgeDays(window)).$if(names !== undefined, (q) => q.where('x.skill_name', 'in', names!))
    return all(
      this.sqlite,
      query
        .selectFrom(months.unionAll(days).as('u'))
        .select((eb) => [
          'u.project_id',
          'u.skill_name as skill',
          eb.fn.sum<number>('u.invocations').as('invocations'),
          eb.fn.sum<number>('u.completed').as('completed'),
          eb.fn.sum<number>('u.failed').as('failed'),
          eb.fn.sum<number>('u.abandoned').as('abandoned'),
          eb.fn.sum<number>('u.unknown').as('unknown'),
          eb.fn.sum<number>('u.duration_n').as('duration_n'),
          eb.fn.sum<number>('u.duration_sum_ms').as('duration_sum_ms'),
          eb.fn.min('u.first_at').as('first_at'),
          eb.fn.max('u.last_at').as('last_at'),
        ])
        .groupBy(['u.project_id', 'u.skill_name']),
    )
  }

  /** Outcome counts per skill (all projects of the window together): what a pattern's baseline needs. */
  outcomesBySkill(window: ScopedWindow, skills: string[]): Array<{ skill: string; completed: number; failed: number; abandoned: number }> {
    if (skills.length === 0) return []
    const columns = ['x.skill_name', 'x.completed', 'x.failed', 'x.abandoned'] as const
    const months = query.selectFrom('usage_monthly as x').select(columns).where(inScope(window)).where(wholeMonths(window)).where('x.skill_name', 'in', skills)
    const days = query.selectFrom('usage_daily as x').select(columns).where(inScope(window)).where(edgeDays(window)).where('x.skill_name', 'in', skills)
    return all(
      this.sqlite,
      query
        .selectFrom(months.unionAll(days).as('u'))
        .select((eb) => ['u.skill_name as skill', eb.fn.sum<number>('u.completed').as('completed'), eb.fn.sum<number>('u.failed').as('failed'), eb.fn.sum<number>('u.abandoned').as('abandoned')])
        .groupBy('u.skill_name'),
    )
  }

  /** Counts of error types, workflow paths and follow-up actions per skill in the window, from the summaries. */
  skillFacts(window: ScopedWindow, skill?: string): Array<{ skill: string; kind: 'error' | 'path' | 'follow-up'; value: string; n: number }> {
    const columns = ['x.skill_name', 'x.kind', 'x.value', 'x.n'] as const
    const months = query.selectFrom('skill_facts_monthly as x').select(columns).where(inScope(window)).where(wholeMonths(window)).$if(skill !== undefined, (q) => q.where('x.skill_name', '=', skill!))
    const days = query.selectFrom('skill_facts_daily as x').select(columns).where(inScope(window)).where(edgeDays(window)).$if(skill !== undefined, (q) => q.where('x.skill_name', '=', skill!))
    return all(
      this.sqlite,
      query
        .selectFrom(months.unionAll(days).as('f'))
        .select((eb) => ['f.skill_name as skill', 'f.kind', 'f.value', eb.fn.sum<number>('f.n').as('n')])
        .groupBy(['f.skill_name', 'f.kind', 'f.value']),
    )
  }

  trend(window: ScopedWindow, skill?: string): Array<{ bucket: string; skill: string; invocations: number }> {
    if (window.granularity === 'month') {
      // Monthly roll-ups serve a monthly trend; days and weeks need the daily rows.
      const months = query
        .selectFrom('usage_monthly as x')
        .where(inScope(window))
        .where(wholeMonths(window))
        .select([sql<string>`x.month || '-01'`.as('bucket'), 'x.skill_name as skill', 'x.invocations'])
        .$if(skill !== undefined, (q) => q.where('x.skill_name', '=', skill!))
      const days = query
        .selectFrom('usage_daily as x')
        .where(inScope(window))
        .where(edgeDays(window))
        .select([sql<string>`substr(x.day, 1, 7) || '-01'`.as('bucket'), 'x.skill_name as skill', 'x.invocations'])
        .$if(skill !== undefined, (q) => q.where('x.skill_name', '=', skill!))
      return all(
        this.sqlite,
        query
          .selectFrom(months.unionAll(days).as('t'))
          .select((eb) => ['t.bucket', 't.skill', eb.fn.sum<number>('t.invocations').as('invocations')])
          .groupBy(['t.bucket', 't.skill']),
      )
    }
    const bucket = sql<string>`${sql.raw(bucketSql(window.granularity, 'x.day'))}`
    return all(
      this.sqlite,
      query
        .selectFrom('usage_daily as x')
        .where(inScope(window))
        .select((eb) => [bucket.as('bucket'), 'x.skill_name as skill', eb.fn.sum<number>('x.invocations').as('invocations')])
        .where('x.day', '>=', window.from ?? '0000-00-00')
        .where('x.day', '<=', window.until)
        .$if(skill !== undefined, (q) => q.where('x.skill_name', '=', skill!))
        .groupBy([sql.ref('bucket'), 'x.skill_name']),
    )
  }

  /** The first day with data in the scope's projects (each project's first row, through its key). */
  firstDay(window: ScopedWindow): string | null {
    let earliest: string | null = null
    for (const project of window.projects) {
      const day = first(this.sqlite, query.selectFrom('usage_daily').select((eb) => eb.fn.min('day').as('day')).where('project_id', '=', project))?.day ?? null
      if (day !== null && (earliest === null || day < earliest)) earliest = day
    }
    return earliest
  }

  durationBuckets(window: ScopedWindow, skill?: string): Array<{ skill: string; bucket: number; n: number }> {
    const counts = new Map<string, Map<number, number>>()
    const add = (name: string, bucket: number, n: number) => {
      const perSkill = counts.get(name) ?? new Map<number, number>()
      perSkill.set(bucket, (perSkill.get(bucket) ?? 0) + n)
      counts.set(name, perSkill)
    }
    const params = windowParams(window)
    const months = window.includedOnly
      ? query.selectFrom('duration_monthly_included as x').select(['x.skill_name', 'x.histogram']).where('x.month', '>=', params.m1).where('x.month', '<=', params.m2)
      : query.selectFrom('usage_monthly as x').select(['x.skill_name', 'x.histogram']).where(inScope(window)).where(wholeMonths(window))
    for (const row of all(this.sqlite, months.$if(skill !== undefined, (q) => q.where('x.skill_name', '=', skill!)))) {
      for (const [bucket, n] of Object.entries(JSON.parse(row.histogram) as Record<string, number>)) add(row.skill_name, Number(bucket), n)
    }
    const days = query
      .selectFrom('duration_daily as x')
      .where(inScope(window))
      .where(edgeDays(window))
      .select((eb) => ['x.skill_name', 'x.bucket', eb.fn.sum<number>('x.n').as('n')])
      .$if(skill !== undefined, (q) => q.where('x.skill_name', '=', skill!))
      .groupBy(['x.skill_name', 'x.bucket'])
    for (const row of all(this.sqlite, days)) add(row.skill_name, row.bucket, row.n)
    return [...counts.entries()].flatMap(([name, buckets]) => [...buckets.entries()].map(([bucket, n]) => ({ skill: name, bucket, n })))
  }

  sequences(window: ScopedWindow, minSessions: number, skill?: string) {
    const params = windowParams(window)
    const containsSkill = sql<boolean>`(' → ' || x.sequence || ' → ') like ${`% → ${skill} → %`}`
    const columns = ['x.sequence', 'x.length', 'x.sessions', 'x.completed'] as const
    const months = window.includedOnly
      ? query.selectFrom('sequence_monthly_included as x').select(columns).where('x.month', '>=', params.m1).where('x.month', '<=', params.m2)
      : query.selectFrom('sequence_monthly as x').select(columns).where(inScope(window)).where(wholeMonths(window))
    const days = query.selectFrom('sequence_daily as x').select(columns).where(inScope(window)).where(edgeDays(window))
    const union = months.$if(skill !== undefined, (q) => q.where(containsSkill)).unionAll(days.$if(skill !== undefined, (q) => q.where(containsSkill)))
    return all(
      this.sqlite,
      query
        .selectFrom(union.as('q'))
        .select((eb) => ['q.sequence', 'q.length', eb.fn.sum<number>('q.sessions').as('sessions'), eb.fn.sum<number>('q.completed').as('completed')])
        .groupBy('q.sequence')
        .having((eb) => eb.fn.sum('q.sessions'), '>=', minSessions)
        .orderBy('sessions', 'desc')
        .orderBy('q.length', 'desc')
        .orderBy('q.sequence')
        .limit(200),
    )
  }

  sessionsWithSkills(window: ScopedWindow): number {
    const months = query.selectFrom('session_months as x').select('x.sessions').where(inScope(window)).where(wholeMonths(window))
    const days = query.selectFrom('session_days as x').select('x.sessions').where(inScope(window)).where(edgeDays(window))
    return first(this.sqlite, query.selectFrom(months.unionAll(days).as('s')).select((eb) => eb.fn.sum<number | null>('s.sessions').as('n')))?.n ?? 0
  }

  /** Failed workflow nodes, each attributed to the last skill started before it in the same session. */
  failuresAfterSkills(window: ScopedWindow) {
    const failed = query
      .selectFrom('workflow_nodes as n')
      .innerJoin('workflow_runs as r', 'r.id', 'n.run_id')
      .select((eb) => [
        'r.session_id',
        eb
          .selectFrom('skill_invocations as i')
          .select('i.skill_name')
          .whereRef('i.session_id', '=', 'r.session_id')
          .whereRef('i.started_at', '<=', 'n.started_at')
          .orderBy('i.started_at', 'desc')
          .limit(1)
          .as('skill'),
      ])
      .where('r.project_id', 'in', window.projects)
      .where('n.status', '=', 'failed')
      .where('r.session_id', 'is not', null)
      .where('n.started_at', '>=', window.from ?? '0000-00-00')
      .where('n.started_at', '<=', `${window.until}~`)
    return all(
      this.sqlite,
      query
        .selectFrom(failed.as('f'))
        .select((eb) => [eb.ref('f.skill').$notNull().as('skill'), eb.fn.countAll<number>().as('failures'), eb.fn.count<number>('f.session_id').distinct().as('sessions')])
        .where('f.skill', 'is not', null)
        .groupBy('f.skill'),
    )
  }

  nodeDurations(window: ScopedWindow) {
    return all(
      this.sqlite,
      query
        .selectFrom('workflow_nodes as n')
        .innerJoin('workflow_runs as r', 'r.id', 'n.run_id')
        .select(['n.name', 'n.duration_ms'])
        .where('r.project_id', 'in', window.projects)
        .where('n.duration_ms', 'is not', null)
        .where('n.started_at', '>=', window.from ?? '0000-00-00')
        .where('n.started_at', '<=', `${window.until}~`),
    ).map((r) => ({ name: r.name, duration_ms: r.duration_ms! }))
  }

  /** Errors and follow-up actions of one skill (raw rows: only that skill's, through its index), its recent sessions and runs. */
  /** The skill's 20 latest runs, and the 20 sessions that used it last, each with its outcome for the skill. */
  skillDetails(window: ScopedWindow, skill: string) {
    const runsOf = () =>
      query
        .selectFrom('skill_invocations as i')
        .where('i.project_id', 'in', window.projects)
        .where('i.skill_name', '=', skill)
        .where('i.started_at', '>=', window.from ?? '0000-00-00')
        .where('i.started_at', '<=', `${window.until}~`)
    // The sessions that used it last: the first 20 met going back from its latest run (a stream that
    // stops there), then each one's outcome for it over the window; not a grouping of every run.
    const latest = runsOf().select('i.session_id').where('i.session_id', 'is not', null).orderBy('i.started_at', 'desc').orderBy('i.id', 'desc').compile()
    const sessions = new Set<string>()
    for (const id of this.sqlite.prepare(latest.sql).pluck().iterate(...(latest.parameters as unknown[])) as Iterable<string>) {
      sessions.add(id)
      if (sessions.size === RECENT_SESSIONS) break
    }
    const recent = sessions.size
      ? all(
          this.sqlite,
          runsOf()
            .innerJoin('projects as p', 'p.id', 'i.project_id')
            .select((eb) => [
              eb.ref('i.session_id').$notNull().as('id'),
              'p.name as projectName',
              eb.fn.max('i.started_at').as('lastUsedAt'),
              sql<string>`case when sum(i.status = 'failed') > 0 then 'failed' when sum(i.status = 'abandoned') > 0 then 'abandoned'
                      when sum(i.status = 'running') > 0 then 'running' when sum(i.status = 'unknown') > 0 then 'unknown' else 'completed' end`.as('status'),
            ])
            .where('i.session_id', 'in', [...sessions])
            .groupBy('i.session_id')
            .orderBy('lastUsedAt', 'desc')
            .orderBy('i.session_id'),
        )
      : []
    const runs = all(
      this.sqlite,
      runsOf()
        .innerJoin('projects as p', 'p.id', 'i.project_id')
        .select(['i.id', 'i.session_id', 'p.name as project_name', 'i.started_at', 'i.status', 'i.duration_ms', 'i.outcome_source', 'i.evidence'])
        .orderBy('i.started_at', 'desc')
        .orderBy('i.id', 'desc')
        .limit(20),
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
    return { recent, runs }
  }

  /** Exact durations of the given skills' ended runs in the window: for samples too small for histograms. */
  exactDurations(window: ScopedWindow, skills: string[]): Array<{ skill: string; duration_ms: number }> {
    if (skills.length === 0) return []
    return all(
      this.sqlite,
      query
        .selectFrom('skill_invocations as i')
        .select(['i.skill_name as skill', 'i.duration_ms'])
        .where('i.project_id', 'in', window.projects)
        .where('i.skill_name', 'in', skills)
        .where('i.started_at', '>=', window.from ?? '0000-00-00')
        .where('i.started_at', '<=', `${window.until}~`)
        .where('i.duration_ms', 'is not', null),
    ).map((r) => ({ skill: r.skill, duration_ms: r.duration_ms! }))
  }

}

