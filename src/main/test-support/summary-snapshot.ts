import type BetterSqlite3 from 'better-sqlite3'
import { refreshInsightSummaries } from '../insights/insight-summaries'

const SUMMARY_TABLES = [
  'usage_daily',
  'duration_daily',
  'skill_facts_daily',
  'sequence_daily',
  'session_days',
  'session_day_steps',
  'usage_monthly',
  'skill_facts_monthly',
  'sequence_monthly',
  'session_months',
  'sequence_monthly_included',
  'duration_monthly_included',
]

/** Every summary row, in a stable order. */
export function summarySnapshot(sqlite: BetterSqlite3.Database): Record<string, unknown[]> {
  return Object.fromEntries(
    SUMMARY_TABLES.map((table) => {
      const columns = sqlite.prepare(`pragma table_info(${table})`).all().map((_, i) => i + 1)
      return [table, sqlite.prepare(`select * from ${table} order by ${columns.join(', ')}`).all()]
    }),
  )
}

/** Throws every summary away, summarises every day again from the raw rows, and returns the snapshot. */
export function summariesFromScratch(sqlite: BetterSqlite3.Database): Record<string, unknown[]> {
  for (const table of SUMMARY_TABLES) sqlite.prepare(`delete from ${table}`).run()
  sqlite.prepare('insert or ignore into insight_dirty_days select distinct project_id, substr(started_at, 1, 10) from skill_invocations').run()
  refreshInsightSummaries(sqlite)
  return summarySnapshot(sqlite)
}
