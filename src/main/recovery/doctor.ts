import fs from 'node:fs'
import path from 'node:path'
import BetterSqlite3 from 'better-sqlite3'
import type { RecoveryReport } from '../../shared/api/system'
import { writeSetting } from '../system/app-settings'
import { checkDatabaseFile, listBackups, pruneBackups, takeBackup, type BackupInfo } from '../storage/backups'
import { appliedMigrations, openDatabase, type AppDatabase } from '../storage/database'
import { nativeBindingPath } from '../storage/native-binding'
import { BACKUPS_KEEP_SETTING, backupsKeepSchema, keepDailyBackups, lastRecovery } from './recovery-settings'

export interface HealthReport {
  databaseFile: string
  bytes: number
  walBytes: number
  schemaVersion: string
  /** "ok", or what SQLite's integrity check found. */
  integrity: string[]
  foreignKeyProblems: number
  ingestProblems: number
  backups: Array<BackupInfo & { check: string }>
  keepDailyBackups: number
  lastRecovery: RecoveryReport | null
  healthy: boolean
}

/** A full check of the open database and of every backup (`session-buddy doctor`). */
export async function checkHealth(database: AppDatabase, onCheckingBackups?: (count: number) => void): Promise<HealthReport> {
  const { sqlite, file } = database
  const integrity = (sqlite.pragma('integrity_check', { simple: false }) as Array<{ integrity_check: string }>).map((r) => r.integrity_check)
  const foreignKeyProblems = (sqlite.pragma('foreign_key_check') as unknown[]).length
  const listed = listBackups(file)
  if (listed.length) onCheckingBackups?.(listed.length)
  const backups = listed.map((backup) => {
    const check = checkDatabaseFile(backup.file)
    return { ...backup, check: check.ok ? 'ok' : check.problem }
  })
  const report: HealthReport = {
    databaseFile: file,
    bytes: fs.statSync(file).size,
    walBytes: fs.statSync(`${file}-wal`, { throwIfNoEntry: false })?.size ?? 0,
    schemaVersion: (await appliedMigrations(database.db)).at(-1) ?? 'none',
    integrity,
    foreignKeyProblems,
    ingestProblems: sqlite.prepare('select count(*) from ingest_errors').pluck().get() as number,
    backups,
    keepDailyBackups: keepDailyBackups(sqlite),
    lastRecovery: lastRecovery(sqlite),
    healthy: false,
  }
  report.healthy = integrity.join() === 'ok' && foreignKeyProblems === 0
  return report
}

/** Sets how many daily backups are kept and prunes to it now; returns the files removed. */
export function setKeepDailyBackups(database: AppDatabase, keep: number): string[] {
  writeSetting(database.sqlite, BACKUPS_KEEP_SETTING, backupsKeepSchema.parse(keep))
  return pruneBackups(database.file, keep)
}

/** `latest`, a backup's file name, or a path: the backup to restore, which must pass the integrity check. */
export function resolveBackup(databaseFile: string, which: string): string {
  if (which === 'latest') {
    const good = listBackups(databaseFile).find((b) => checkDatabaseFile(b.file).ok)
    if (!good) throw new Error(`No backup in ${path.dirname(databaseFile)}/backups passes the integrity check`)
    return good.file
  }
  const named = listBackups(databaseFile).find((b) => path.basename(b.file) === which)
  const file = named?.file ?? path.resolve(which)
  if (!fs.existsSync(file)) throw new Error(`No backup ${which}: see "session-buddy doctor" for the list`)
  const check = checkDatabaseFile(file)
  if (!check.ok) throw new Error(`${file} cannot be restored: ${check.problem}`)
  return file
}

/**
 * Replaces the database's content with the backup's. The current content is first copied to a
 * `before-restore` backup, so a restore can itself be undone. The copy goes through SQLite's backup API
 * into the live file, so another process with the file open sees either the old or the new content.
 * Returns the database, opened (and migrated, if the backup is older), and the before-restore copy.
 */
export async function restoreBackup(database: AppDatabase, backupFile: string): Promise<{ database: AppDatabase; savedCurrent: string }> {
  const { file } = database
  const savedCurrent = await takeBackup(database.sqlite, file, 'before-restore')
  await database.close()
  const source = new BetterSqlite3(backupFile, { readonly: true, fileMustExist: true, nativeBinding: nativeBindingPath() })
  try {
    await source.backup(file)
  } finally {
    source.close()
  }
  return { database: await openDatabase(file), savedCurrent }
}
