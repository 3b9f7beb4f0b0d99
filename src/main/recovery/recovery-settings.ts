import type BetterSqlite3 from 'better-sqlite3'
import { z } from 'zod'
import type { RecoveryReport } from '../../shared/api/system'
import { DEFAULT_DAILY_BACKUPS } from '../storage/backups'
import { readSetting } from '../system/app-settings'

/** How many daily backups to keep (`session-buddy doctor --keep <n>`). */
export const BACKUPS_KEEP_SETTING = 'backups.keep'
export const backupsKeepSchema = z.number().int().min(1).max(365)

export function keepDailyBackups(sqlite: BetterSqlite3.Database): number {
  return readSetting(sqlite, BACKUPS_KEEP_SETTING, backupsKeepSchema, DEFAULT_DAILY_BACKUPS)
}

/** Where the last recovery's report is kept, for the app's banner and `doctor`. */
export const RECOVERY_SETTING = 'recovery.last'
// Read back leniently: the report is shown, never acted on.
const storedRecovery = z.custom<RecoveryReport>((v) => typeof v === 'object' && v !== null && 'problem' in v).nullable()

export function lastRecovery(sqlite: BetterSqlite3.Database): RecoveryReport | null {
  return readSetting(sqlite, RECOVERY_SETTING, storedRecovery, null)
}
