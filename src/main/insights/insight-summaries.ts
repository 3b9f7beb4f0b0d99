import type BetterSqlite3 from 'better-sqlite3'
import { z } from 'zod'
import { readSetting, writeSetting } from '../system/app-settings'
import { preparedOnce } from '../storage/prepared-once'
import { applyLoggedChanges, splitKey } from './summary-changes'
import { DAY_ROWS_COLUMNS, FACT_SEPARATOR, summariseDay, type DaySummary, type RunRow } from './day-summary'

export { bucketMidpointMs, durationBucket, sessionSequences, SEQUENCE_ARROW } from './day-summary'

/** Days recomputed per transaction, so a big backlog never holds the write lock for long. */
const DAYS_PER_TRANSACTION = 200

export interface SummaryRefresh {
  days: number
  ms: number
}

/**
 * Brings the summaries up to date. What writes logged since the last refresh is added as deltas (cheap:
 * proportional to what changed), then every (project, UTC day) marked for recomputation (or the first
 * `maxDays` of them) is summarised again from its rows: after a migration, a rebuild, a deletion or a
 * run that moved to another day. Ingest calls this between batches (see SummaryUpkeep), so a read after
 * a bulk ingest finds little to do.
 */
export function refreshInsightSummaries(sqlite: BetterSqlite3.Database, options: { maxDays?: number } = {}): SummaryRefresh {
  const started = performance.now()
  const s = statements(sqlite)
  // Immediate transactions here and below: each reads before it writes, and another process (the app,
  // a CLI import) may commit in between, which fails a deferred transaction at once instead of waiting.
  const touched = sqlite
    .transaction(() => {
      const months = applyLoggedChanges(sqlite)
      for (const key of months) s.rollUp(...splitKey(key))
      return months
    })
    .immediate()
  const dirty = s.dirty.all(options.maxDays ?? -1) as Array<{ project_id: number; day: string }>
  const skillsOf = new Map<number, string>()
  for (let i = 0; i < dirty.length; i += DAYS_PER_TRANSACTION) {
    sqlite.transaction(() => {
      const months = new Set<string>()
      for (const { project_id: project, day } of dirty.slice(i, i + DAYS_PER_TRANSACTION)) {
        months.add(`${project}|${day.slice(0, 7)}`)
        for (const statement of s.clear) statement.run(project, day)
        s.done.run(project, day)
        if (!s.projectExists.get(project)) continue
        if (!skillsOf.has(project)) skillsOf.set(project, JSON.stringify(s.projectSkills.all(project)))
        s.writeDay(project, day, summariseDay(s.dayRows.all(project, skillsOf.get(project), day, `${day}~`) as RunRow[]))
      }
      for (const key of months) {
        s.rollUp(...splitKey(key))
        touched.add(key)
      }
    })()
  }
  refreshIncludedMonths(sqlite, new Set([...touched].map((key) => key.slice(key.indexOf('|') + 1))))
  return { days: dirty.length, ms: performance.now() - started }
}


function statements(sqlite: BetterSqlite3.Database) {
  return preparedOnce(sqlite, 'insight-summaries', () => ({
    dirty: sqlite.prepare('select project_id, day from insight_dirty_days order by project_id, day limit ?'),
    projectExists: sqlite.prepare('select 1 from projects where id = ?').pluck(),
    clear: ['usage_daily', 'duration_daily', 'sequence_daily', 'session_days', 'skill_facts_daily', 'session_day_steps'].map((table) =>
      sqlite.prepare(`delete from ${table} where project_id = ? and day = ?`),
    ),
    // No (project_id, started_at) index: it would cost bulk ingest about a third of its speed. The
    // (project_id, skill_name, started_at) index serves a day's rows, one range per skill of the project.
    dayRows: sqlite
      .prepare(`select ${DAY_ROWS_COLUMNS} from skill_invocations as i left join sessions as s on s.id = i.session_id
        where i.project_id = ? and i.skill_name in (select value from json_each(?)) and i.started_at >= ? and i.started_at < ?`)
      .raw(),
    projectSkills: sqlite.prepare('select distinct skill_name from skill_invocations where project_id = ?').pluck(),
    writeDay: dayWriter(sqlite),
    done: sqlite.prepare('delete from insight_dirty_days where project_id = ? and day = ?'),
    rollUp: monthRollUp(sqlite),
  }))
}

/** Stores one project-day's summary rows (the day's old rows are already cleared). */
function dayWriter(sqlite: BetterSqlite3.Database): (project: number, day: string, summary: DaySummary) => void {
  const usage = sqlite.prepare(`
    insert into usage_daily (project_id, day, skill_name, invocations, completed, failed, abandoned, unknown, duration_n, duration_sum_ms, first_at, last_at)
    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
  const duration = sqlite.prepare('insert into duration_daily (project_id, day, skill_name, bucket, n) values (?, ?, ?, ?, ?)')
  const fact = sqlite.prepare('insert into skill_facts_daily (project_id, day, skill_name, kind, value, n) values (?, ?, ?, ?, ?, ?)')
  const sequence = sqlite.prepare('insert into sequence_daily (project_id, day, sequence, length, sessions, completed) values (?, ?, ?, ?, ?, ?)')
  const sessionDay = sqlite.prepare('insert into session_days (project_id, day, sessions) values (?, ?, ?)')
  const steps = sqlite.prepare('insert into session_day_steps (project_id, day, session_id, steps) values (?, ?, ?, ?)')
  return (project, day, summary) => {
    for (const u of summary.usage.values()) {
      usage.run(project, day, u.skill, u.invocations, u.completed, u.failed, u.abandoned, u.unknown, u.durationN, u.durationSumMs, u.firstAt, u.lastAt)
      for (const [bucket, n] of u.buckets) duration.run(project, day, u.skill, bucket, n)
      for (const [key, n] of u.facts) {
        const at = key.indexOf(FACT_SEPARATOR)
        fact.run(project, day, u.skill, key.slice(0, at), key.slice(at + 1), n)
      }
    }
    if (summary.sessionSteps.size > 0) sessionDay.run(project, day, summary.sessionSteps.size)
    for (const [session, runs] of summary.sessionSteps) steps.run(project, day, session, runs)
    for (const [name, counts] of summary.sequences) sequence.run(project, day, name, counts.length, counts.sessions, counts.completed)
  }
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
