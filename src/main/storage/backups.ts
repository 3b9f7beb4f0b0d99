import fs from 'node:fs'
import path from 'node:path'
import BetterSqlite3 from 'better-sqlite3'
import { nativeBindingPath } from './native-binding'

/**
 * Copies of the database in `<data folder>/backups/`, taken with SQLite's online backup API (a consistent
 * snapshot while the app keeps writing). A copy is written under a `.partial` name and renamed when
 * complete, so a kill mid-backup never leaves a half copy that looks whole.
 */
export type BackupKind = 'daily' | 'pre-migration' | 'manual' | 'before-restore'

export interface BackupInfo {
  file: string
  kind: BackupKind
  takenAt: string
  bytes: number
}

export const BACKUP_KINDS: readonly BackupKind[] = ['daily', 'pre-migration', 'manual', 'before-restore']
/** Daily backups kept by default (the `backups.keep` setting changes it). */
export const DEFAULT_DAILY_BACKUPS = 7
const DAY_MS = 24 * 60 * 60 * 1000
/** Copies of other kinds kept, newest first: they are taken rarely, and each is a full copy. */
const OTHER_BACKUPS_KEPT = 3
const PARTIAL = '.partial'

export function backupsDir(databaseFile: string): string {
  return path.join(path.dirname(databaseFile), 'backups')
}

/** Every complete backup, newest first. */
export function listBackups(databaseFile: string): BackupInfo[] {
  const dir = backupsDir(databaseFile)
  let names: string[]
  try {
    names = fs.readdirSync(dir)
  } catch {
    return []
  }
  const backups: BackupInfo[] = []
  for (const name of names) {
    const kind = BACKUP_KINDS.find((k) => name.startsWith(`${k}-`))
    if (!kind || !name.endsWith('.sqlite')) continue
    const file = path.join(dir, name)
    const stat = fs.statSync(file, { throwIfNoEntry: false })
    if (stat?.isFile()) backups.push({ file, kind, takenAt: stat.mtime.toISOString(), bytes: stat.size })
  }
  return backups.sort((a, b) => b.takenAt.localeCompare(a.takenAt) || b.file.localeCompare(a.file))
}

/** Copies the open database to a new backup file and returns its path. */
export async function takeBackup(sqlite: BetterSqlite3.Database, databaseFile: string, kind: BackupKind, label = '', now = new Date()): Promise<string> {
  const dir = backupsDir(databaseFile)
  fs.mkdirSync(dir, { recursive: true })
  const file = path.join(dir, `${kind}-${now.toISOString().replace(/[:.]/g, '-')}${label ? `-${label}` : ''}.sqlite`)
  const partial = file + PARTIAL
  try {
    await sqlite.backup(partial)
    fs.renameSync(partial, file)
  } catch (error) {
    fs.rmSync(partial, { force: true })
    throw new Error(`Backup to ${file} failed: ${(error as Error).message}`, { cause: error })
  }
  return file
}

/**
 * Takes today's daily backup if the newest is a day old or there is none, then keeps the newest `keep`
 * daily copies (and a few of each other kind). Returns the new backup, or null when none was due.
 */
export async function takeDailyBackupIfDue(sqlite: BetterSqlite3.Database, databaseFile: string, options: { keep?: number; now?: Date } = {}): Promise<string | null> {
  const now = options.now ?? new Date()
  removePartialCopies(databaseFile)
  const newest = listBackups(databaseFile).find((b) => b.kind === 'daily')
  const due = !newest || now.getTime() - Date.parse(newest.takenAt) >= DAY_MS
  const file = due ? await takeBackup(sqlite, databaseFile, 'daily', '', now) : null
  if (file) fs.utimesSync(file, now, now)
  pruneBackups(databaseFile, options.keep ?? DEFAULT_DAILY_BACKUPS)
  return file
}

/** Keeps the newest `keepDaily` daily copies and the newest few of each other kind; returns the files removed. */
export function pruneBackups(databaseFile: string, keepDaily: number): string[] {
  const removed: string[] = []
  const seen = new Map<BackupKind, number>()
  for (const backup of listBackups(databaseFile)) {
    const n = (seen.get(backup.kind) ?? 0) + 1
    seen.set(backup.kind, n)
    if (n > (backup.kind === 'daily' ? keepDaily : OTHER_BACKUPS_KEPT)) {
      fs.rmSync(backup.file, { force: true })
      removed.push(backup.file)
    }
  }
  return removed
}

/**
 * After a project removal or a prompt purge: a fresh copy replaces every older one, so the erased text
 * survives in no backup. Returns how many older copies were removed.
 */
export async function replaceBackups(sqlite: BetterSqlite3.Database, databaseFile: string): Promise<number> {
  const older = listBackups(databaseFile)
  await takeBackup(sqlite, databaseFile, 'daily')
  for (const backup of older) fs.rmSync(backup.file, { force: true })
  removePartialCopies(databaseFile)
  return older.length
}

/** Leftovers of backups a kill cut short. */
function removePartialCopies(databaseFile: string): void {
  const dir = backupsDir(databaseFile)
  if (!fs.existsSync(dir)) return
  for (const name of fs.readdirSync(dir, { withFileTypes: true }).filter((e) => e.isFile() && e.name.endsWith(PARTIAL)).map((e) => e.name)) {
    fs.rmSync(path.join(dir, name), { force: true })
  }
}

/** Whether a backup (or any database file) is whole: SQLite's integrity check passes and it has a schema. */
export function checkDatabaseFile(file: string): { ok: true } | { ok: false; problem: string } {
  let db: BetterSqlite3.Database | undefined
  try {
    db = new BetterSqlite3(file, { readonly: true, fileMustExist: true, nativeBinding: nativeBindingPath() })
    const result = db.pragma('integrity_check', { simple: false }) as Array<{ integrity_check: string }>
    const problems = result.map((r) => r.integrity_check).filter((r) => r !== 'ok')
    if (problems.length) return { ok: false, problem: `integrity check: ${problems.slice(0, 3).join('; ')}${problems.length > 3 ? ` (+${problems.length - 3} more)` : ''}` }
    const migrated = db.prepare("select count(*) from sqlite_master where name = 'kysely_migration'").pluck().get() as number
    return migrated ? { ok: true } : { ok: false, problem: 'not a Session Buddy database (no migrations recorded)' }
  } catch (error) {
    return { ok: false, problem: (error as Error).message }
  } finally {
    db?.close()
  }
}
