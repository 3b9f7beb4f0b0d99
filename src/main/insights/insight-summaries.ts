import type BetterSqlite3 from 'better-sqlite3'
import { z } from 'zod'
import { readSetting, writeSetting } from '../system/app-settings'

/**
 * Durations are kept as counts in logarithmic buckets, four per doubling (each ~19% wide), so
 * percentiles over any window and set of projects come from summing a few rows. A percentile is
 * reported as its bucket's geometric midpoint: within ±9.5% of the exact value.
 */
export const BUCKETS_PER_DOUBLING = 4

export function durationBucket(ms: number): number {
  return ms < 1 ? 0 : Math.floor(BUCKETS_PER_DOUBLING * Math.log2(ms)) + 1
}

export function bucketMidpointMs(bucket: number): number {
  return bucket === 0 ? 0 : 2 ** ((bucket - 1 + 0.5) / BUCKETS_PER_DOUBLING)
}

const BUCKET_SQL = `case when duration_ms < 1 then 0 else cast(${BUCKETS_PER_DOUBLING} * log2(duration_ms) as integer) + 1 end`
/** Days recomputed per transaction, so a big backlog never holds the write lock for long. */
const DAYS_PER_TRANSACTION = 200

export interface SummaryRefresh {
  days: number
  ms: number
}

/**
 * Recomputes the summaries of every (project, UTC day) that writes marked dirty since the last
 * refresh (or the first `maxDays` of them): usage counts, duration buckets and skill sequences.
 * Cheap when little changed; the first run over an existing database reads every invocation once.
 */
export function refreshInsightSummaries(sqlite: BetterSqlite3.Database, options: { maxDays?: number } = {}): SummaryRefresh {
  const started = performance.now()
  // Raw statements prepared once: a refresh runs them per dirty project-day, a bulk rewrite of the summary tables.
  const dirty = sqlite.prepare('select project_id, day from insight_dirty_days order by project_id, day limit ?').all(options.maxDays ?? -1) as Array<{ project_id: number; day: string }>
  if (dirty.length === 0) {
    refreshIncludedMonths(sqlite, new Set())
    return { days: 0, ms: performance.now() - started }
  }
  const range = { from: '', to: '' }
  const projectExists = sqlite.prepare('select 1 from projects where id = ?').pluck()
  const clear = ['usage_daily', 'duration_daily', 'sequence_daily', 'session_days', 'skill_facts_daily'].map((table) => sqlite.prepare(`delete from ${table} where project_id = ? and day = ?`))
  // No (project_id, started_at) index: it would cost bulk ingest about a third of its speed. The
  // (project_id, skill_name, started_at) index serves a day's rows, one range per skill of the project.
  const where = 'project_id = @project and skill_name in (select value from json_each(@skills)) and started_at >= @from and started_at < @to'
  const projectSkills = sqlite.prepare('select distinct skill_name from skill_invocations where project_id = ?').pluck()
  const skillsOf = new Map<number, string>()
  const usage = sqlite.prepare(`
    insert into usage_daily (project_id, day, skill_name, invocations, completed, failed, abandoned, unknown, duration_n, duration_sum_ms, first_at, last_at)
    select project_id, @day, skill_name, count(*), sum(status = 'completed'), sum(status = 'failed'), sum(status = 'abandoned'), sum(status = 'unknown'),
           count(duration_ms), coalesce(sum(duration_ms), 0), min(started_at), max(started_at)
    from skill_invocations where ${where} group by skill_name`)
  const facts = sqlite.prepare(`
    insert into skill_facts_daily (project_id, day, skill_name, kind, value, n)
    select project_id, @day, skill_name, 'error', error_type, count(*) from skill_invocations where ${where} and error_type is not null group by skill_name, error_type
    union all
    select project_id, @day, skill_name, 'path', workflow_path, count(*) from skill_invocations where ${where} and workflow_path is not null group by skill_name, workflow_path
    union all
    select i.project_id, @day, i.skill_name, 'follow-up', j.value, count(*) from skill_invocations as i, json_each(i.follow_up_actions) as j
    where i.${where.replaceAll(' and ', ' and i.')} and i.follow_up_actions <> '[]' and j.type = 'text' group by i.skill_name, j.value`)
  const durations = sqlite.prepare(`
    insert into duration_daily (project_id, day, skill_name, bucket, n)
    select project_id, @day, skill_name, ${BUCKET_SQL} as bucket, count(*)
    from skill_invocations where ${where} and duration_ms is not null group by skill_name, bucket`)
  // Sessions an importer made up (legacy rows without session ids) say nothing about order: left out.
  const ordered = sqlite.prepare(`
    select session_id, skill_name, status from skill_invocations
    where ${where} and session_id is not null
      and not exists (select 1 from sessions s where s.id = skill_invocations.session_id and s.synthetic = 1)
    order by session_id, started_at, id`)
  const insertSequence = sqlite.prepare('insert into sequence_daily (project_id, day, sequence, length, sessions, completed) values (?, ?, ?, ?, ?, ?)')
  const sessionDay = sqlite.prepare('insert into session_days (project_id, day, sessions) values (?, ?, ?)')
  const done = sqlite.prepare('delete from insight_dirty_days where project_id = ? and day = ?')

  const rollUp = monthRollUp(sqlite)
  for (let i = 0; i < dirty.length; i += DAYS_PER_TRANSACTION) {
    sqlite.transaction(() => {
      const months = new Set<string>()
      for (const { project_id: project, day } of dirty.slice(i, i + DAYS_PER_TRANSACTION)) {
        months.add(`${project}|${day.slice(0, 7)}`)
        for (const statement of clear) statement.run(project, day)
        done.run(project, day)
        if (!projectExists.get(project)) continue
        Object.assign(range, { from: day, to: `${day}~` })
        if (!skillsOf.has(project)) skillsOf.set(project, JSON.stringify(projectSkills.all(project)))
        const params = { project, day, skills: skillsOf.get(project)!, ...range }
        usage.run(params)
        durations.run(params)
        facts.run(params)
        const rows = ordered.all(params) as Array<{ session_id: string; skill_name: string; status: string }>
        const sessions = new Set(rows.map((r) => r.session_id)).size
        if (sessions > 0) sessionDay.run(project, day, sessions)
        for (const [sequence, counts] of sessionSequences(rows)) insertSequence.run(project, day, sequence, counts.length, counts.sessions, counts.completed)
      }
      for (const key of months) {
        const [project, month] = key.split('|') as [string, string]
        rollUp(Number(project), month)
      }
    })()
  }
  refreshIncludedMonths(sqlite, new Set(dirty.map((d) => d.day.slice(0, 7))))
  return { days: dirty.length, ms: performance.now() - started }
}

export const SEQUENCE_ARROW = ' → '

/**
 * Ordered runs of two and three different skills used one after the other within a session.
 * Each counts once per session; `completed` counts sessions where its last step completed.
 */
export function sessionSequences(rows: Array<{ session_id: string; skill_name: string; status: string }>): Map<string, { length: number; sessions: number; completed: number }> {
  const result = new Map<string, { length: number; sessions: number; completed: number }>()
  let start = 0
  while (start < rows.length) {
    let end = start
    while (end < rows.length && rows[end]!.session_id === rows[start]!.session_id) end++
    // Repeating the same skill back to back is one step.
    const steps: Array<{ skill: string; completed: boolean }> = []
    for (const row of rows.slice(start, end)) {
      const last = steps.at(-1)
      if (last?.skill === row.skill_name) last.completed = row.status === 'completed'
      else steps.push({ skill: row.skill_name, completed: row.status === 'completed' })
    }
    const seen = new Map<string, boolean>()
    for (let i = 0; i < steps.length; i++) {
      for (const length of [2, 3]) {
        if (i + length > steps.length) continue
        const window = steps.slice(i, i + length)
        const key = window.map((s) => s.skill).join(SEQUENCE_ARROW)
        seen.set(key, (seen.get(key) ?? false) || window.at(-1)!.completed)
      }
    }
    for (const [key, completed] of seen) {
      const entry = result.get(key) ?? { length: key.split(SEQUENCE_ARROW).length, sessions: 0, completed: 0 }
      entry.sessions++
      if (completed) entry.completed++
      result.set(key, entry)
    }
    start = end
  }
  return result
}

/** Recomputes one project's month in the monthly tables from its daily rows. */
function monthRollUp(sqlite: BetterSqlite3.Database): (project: number, month: string) => void {
  const clear = ['usage_monthly', 'sequence_monthly', 'session_months', 'skill_facts_monthly'].map((table) => sqlite.prepare(`delete from ${table} where project_id = ? and month = ?`))
  const range = 'project_id = @project and day >= @first and day <= @last'
  const usage = sqlite.prepare(`
    insert into usage_monthly (project_id, month, skill_name, invocations, completed, failed, abandoned, unknown, duration_n, duration_sum_ms, histogram, first_at, last_at)
    select project_id, @month, skill_name, sum(invocations), sum(completed), sum(failed), sum(abandoned), sum(unknown), sum(duration_n), sum(duration_sum_ms), '{}', min(first_at), max(last_at)
    from usage_daily where ${range} group by skill_name`)
  const facts = sqlite.prepare(`
    insert into skill_facts_monthly (project_id, month, skill_name, kind, value, n)
    select project_id, @month, skill_name, kind, value, sum(n) from skill_facts_daily where ${range} group by skill_name, kind, value`)
  const buckets = sqlite.prepare(`select skill_name, bucket, sum(n) as n from duration_daily where ${range} group by skill_name, bucket`)
  const histogram = sqlite.prepare('update usage_monthly set histogram = ? where project_id = ? and month = ? and skill_name = ?')
  const sequences = sqlite.prepare(`
    insert into sequence_monthly (project_id, month, sequence, length, sessions, completed)
    select project_id, @month, sequence, length, sum(sessions), sum(completed) from sequence_daily where ${range} group by sequence
    -- A three-step sequence seen in one session of a project's month is noise at month scale, and
    -- there are many of them: month roll-ups keep every pair and the triples that recur.
    having length = 2 or sum(sessions) >= 2`)
  const sessions = sqlite.prepare(`insert into session_months (project_id, month, sessions) select project_id, @month, sum(sessions) from session_days where ${range} group by project_id`)
  return (project, month) => {
    for (const statement of clear) statement.run(project, month)
    const params = { project, month, first: `${month}-01`, last: `${month}-31` }
    usage.run(params)
    facts.run(params)
    const perSkill = new Map<string, Record<number, number>>()
    for (const row of buckets.all(params) as Array<{ skill_name: string; bucket: number; n: number }>) {
      const hist = perSkill.get(row.skill_name) ?? {}
      hist[row.bucket] = row.n
      perSkill.set(row.skill_name, hist)
    }
    for (const [skill, hist] of perSkill) histogram.run(JSON.stringify(hist), project, month, skill)
    sequences.run(params)
    sessions.run(params)
  }
}

const INCLUDED_SET = 'insights.includedProjects'

/**
 * Keeps sequence_monthly_included and duration_monthly_included equal to the sums of
 * sequence_monthly and usage_monthly histograms over included projects:
 * every month when the included set changed since the last refresh, else the months just touched.
 */
function refreshIncludedMonths(sqlite: BetterSqlite3.Database, touched: Set<string>): void {
  const ids = sqlite.prepare('select id from projects where include_in_insights = 1 order by id').pluck().all() as number[]
  const included = JSON.stringify(ids)
  const setChanged = JSON.stringify(readSetting(sqlite, INCLUDED_SET, z.array(z.number()), [])) !== included
  if (!setChanged && touched.size === 0) return
  const months = setChanged ? (sqlite.prepare('select distinct month from usage_monthly').pluck().all() as string[]) : [...touched]
  const clear = sqlite.prepare('delete from sequence_monthly_included where month = ?')
  const clearDurations = sqlite.prepare('delete from duration_monthly_included where month = ?')
  const histograms = sqlite.prepare('select skill_name, histogram from usage_monthly where month = ? and project_id in (select value from json_each(?))')
  const addDurations = sqlite.prepare('insert into duration_monthly_included (month, skill_name, histogram) values (?, ?, ?)')
  const fill = sqlite.prepare(`
    insert into sequence_monthly_included (month, sequence, length, sessions, completed)
    select month, sequence, length, sum(sessions), sum(completed) from sequence_monthly
    where month = ? and project_id in (select value from json_each(?)) group by sequence`)
  sqlite.transaction(() => {
    if (setChanged) sqlite.prepare('delete from sequence_monthly_included').run()
    if (setChanged) sqlite.prepare('delete from duration_monthly_included').run()
    for (const month of months) {
      clear.run(month)
      fill.run(month, included)
      clearDurations.run(month)
      const merged = new Map<string, Record<string, number>>()
      for (const row of histograms.all(month, included) as Array<{ skill_name: string; histogram: string }>) {
        const sum = merged.get(row.skill_name) ?? {}
        for (const [bucket, n] of Object.entries(JSON.parse(row.histogram) as Record<string, number>)) sum[bucket] = (sum[bucket] ?? 0) + n
        merged.set(row.skill_name, sum)
      }
      for (const [skill, histogram] of merged) addDurations.run(month, skill, JSON.stringify(histogram))
    }
    writeSetting(sqlite, INCLUDED_SET, ids)
  })()
}
