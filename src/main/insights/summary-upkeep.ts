import type BetterSqlite3 from 'better-sqlite3'
import { refreshInsightSummaries } from './insight-summaries'

/**
 * The most of a writer's time that keeping summaries current may take. Adding a batch costs about 9 %
 * of ingesting it (npm run bench), under this share, so upkeeps come often and stay small, and little
 * is left for the first read after a bulk ingest.
 */
export const UPKEEP_SHARE = 0.15

interface Upkeep {
  /** When the last upkeep ended, and how long it took. */
  endedAt: number
  tookMs: number
  /** Totals since the connection's first upkeep (the bench reports them). */
  runs: number
  totalMs: number
}

const upkeepOf = new WeakMap<BetterSqlite3.Database, Upkeep>()

/**
 * Called by writers (event ingest, transcript and legacy import) after each batch commits: adds what
 * the batch wrote to the summaries, so a read after a bulk ingest finds them current. Days queued for
 * recomputation are left to readers and the background refresh. An upkeep waits until the writer has
 * worked 1 / UPKEEP_SHARE times as long as the last one took, so whatever the data looks like, it
 * costs ingest at most that share of its time.
 */
export function keepSummariesCurrent(sqlite: BetterSqlite3.Database): void {
  const now = performance.now()
  const last = upkeepOf.get(sqlite) ?? { endedAt: -Infinity, tookMs: 0, runs: 0, totalMs: 0 }
  if (now - last.endedAt < last.tookMs / UPKEEP_SHARE) return
  refreshInsightSummaries(sqlite, { maxDays: 0 })
  const endedAt = performance.now()
  upkeepOf.set(sqlite, { endedAt, tookMs: endedAt - now, runs: last.runs + 1, totalMs: last.totalMs + endedAt - now })
}

export function summaryUpkeepTotals(sqlite: BetterSqlite3.Database): { runs: number; ms: number } {
  const upkeep = upkeepOf.get(sqlite)
  return { runs: upkeep?.runs ?? 0, ms: upkeep?.totalMs ?? 0 }
}
