import type BetterSqlite3 from 'better-sqlite3'
import type { TrackingState } from '../../shared/api/desktop'

/** Local midnight of the day `now` falls in, as the ISO instant runs' start times are compared with. */
export function startOfLocalDay(now: Date): string {
  const midnight = new Date(now)
  midnight.setHours(0, 0, 0, 0)
  return midnight.toISOString()
}

/** Today's skill runs in tracked projects and the newest ingest problem: what the tray shows. */
export function trackingState(sqlite: BetterSqlite3.Database, pausedUntil: string | null, now = new Date()): TrackingState {
  const runsToday = sqlite
    .prepare(
      `select count(*) from skill_invocations i join projects p on p.id = i.project_id
       where p.track = 1 and i.started_at >= ?`,
    )
    .pluck()
    .get(startOfLocalDay(now)) as number
  const error = sqlite.prepare('select file_path, line, reason, created_at from ingest_errors order by id desc limit 1').get() as
    | { file_path: string; line: number | null; reason: string; created_at: string }
    | undefined
  return {
    pausedUntil,
    runsToday,
    lastIngestError: error ? { file: error.file_path, line: error.line, reason: error.reason, at: error.created_at } : null,
  }
}
