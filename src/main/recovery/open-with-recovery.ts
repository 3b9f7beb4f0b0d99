import fs from 'node:fs'
import path from 'node:path'
import BetterSqlite3 from 'better-sqlite3'
import type { RecoveryReport } from '../../shared/api/system'
import { deleteProject, findProjectByPath, insertProject, listProjectRows, purgePrompts, updateProject } from '../projects/project.repository'
import { writeSetting } from '../system/app-settings'
import { RECOVERY_SETTING } from './recovery-settings'
import { checkDatabaseFile, listBackups } from '../storage/backups'
import { NewerDatabaseError, openDatabase, type AppDatabase } from '../storage/database'
import { nativeBindingPath } from '../storage/native-binding'
import type { ProjectRow } from '../storage/schema'

/** Errors that say nothing about the file: it is left exactly where it is and the error is shown. */
const ENVIRONMENT_CODES = ['SQLITE_FULL', 'SQLITE_IOERR', 'SQLITE_READONLY', 'SQLITE_CANTOPEN', 'SQLITE_BUSY', 'SQLITE_LOCKED', 'SQLITE_PERM', 'SQLITE_NOMEM', 'ENOSPC', 'EACCES', 'EPERM', 'EROFS', 'EMFILE']
const DAMAGE_CODES = ['SQLITE_CORRUPT', 'SQLITE_NOTADB']

type ProblemKind = 'environment' | 'damaged' | 'migration'

/**
 * Opens the database; when the file itself is the problem (corrupt, not a database, a schema no migration
 * can bring up to date), it never crashes and never silently starts empty: the bad file (and its WAL) is
 * kept aside in `damaged/`, the newest backup that passes SQLite's integrity check is restored, or, with
 * none, a new database is made and the projects' event logs and transcripts are read again. Registered
 * projects and their privacy switches are taken from the bad file when it can still be read. What was
 * done and what could not be recovered is returned, kept in the database, and shown by the app until dismissed.
 */
export async function openDatabaseWithRecovery(file: string, options: { now?: Date } = {}): Promise<{ database: AppDatabase; recovery: RecoveryReport | null }> {
  try {
    return { database: await openDatabase(file), recovery: null }
  } catch (error) {
    const kind = problemKind(error)
    if (error instanceof NewerDatabaseError) throw error
    if (kind === 'environment') {
      throw new Error(`${(error as Error).message}. Nothing in ${file} was changed: make room on the disk (or fix the permission) and start again.`, { cause: error })
    }
    if (!fs.existsSync(file)) throw error
    const now = options.now ?? new Date()
    const damagedCopy = moveAside(file, now)
    try {
      return await recover(file, damagedCopy, error as Error, kind, now)
    } catch (failure) {
      // Recovery itself failed (a full disk while restoring…): put the file back as it was, so the next
      // start tries again instead of finding no file and starting empty.
      putBack(file, damagedCopy)
      throw failure
    }
  }
}

async function recover(file: string, damagedCopy: string, problem: Error, kind: ProblemKind, now: Date): Promise<{ database: AppDatabase; recovery: RecoveryReport }> {
  const salvaged = readProjects(damagedCopy)
  const backupsSkipped: string[] = []
  let database: AppDatabase | undefined
  let restoredFrom: RecoveryReport['restoredFrom'] = null
  for (const backup of listBackups(file)) {
    const check = checkDatabaseFile(backup.file)
    if (!check.ok) {
      backupsSkipped.push(`${path.basename(backup.file)}: ${check.problem}`)
      continue
    }
    const partial = `${file}.restoring`
    fs.copyFileSync(backup.file, partial)
    fs.renameSync(partial, file)
    try {
      database = await openDatabase(file)
      restoredFrom = { file: backup.file, takenAt: backup.takenAt }
      break
    } catch (error) {
      backupsSkipped.push(`${path.basename(backup.file)}: ${(error as Error).message}`)
      removeDatabaseFiles(file)
    }
  }
  if (!database && kind === 'migration') {
    // The same migration fails on every copy: the code, not the file, is at fault (the caller puts the file back).
    throw new Error(`${problem.message}. No backup could be brought up to date either, so nothing was changed: your data is still in ${file}. Please report this.`, { cause: problem })
  }
  database ??= await openDatabase(file)
  try {
    return { database, recovery: await finish(database, { damagedCopy, problem, restoredFrom, backupsSkipped, salvaged, now }) }
  } catch (error) {
    await database.close()
    throw error
  }
}

async function finish(
  database: AppDatabase,
  found: { damagedCopy: string; problem: Error; restoredFrom: RecoveryReport['restoredFrom']; backupsSkipped: string[]; salvaged: ProjectRow[] | null; now: Date },
): Promise<RecoveryReport> {
  const { damagedCopy, problem, restoredFrom, backupsSkipped, salvaged, now } = found
  const projects = await applySalvagedProjects(database, salvaged)
  const recovery: RecoveryReport = {
    at: now.toISOString(),
    problem: problem.message,
    damagedCopy,
    restoredFrom,
    backupsSkipped,
    projectsFromDamagedFile: salvaged ? salvaged.length : null,
    projectsAdded: projects.added,
    projectsRemoved: projects.removed,
    readAgain: restoredFrom
      ? `Event logs and Claude Code transcripts written since the backup of ${restoredFrom.takenAt} are read again.`
      : 'Each project’s event logs and Claude Code transcripts are read again from the start.',
    notRecovered: notRecovered(restoredFrom, salvaged !== null),
  }
  writeSetting(database.sqlite, RECOVERY_SETTING, recovery)
  return recovery
}

function problemKind(error: unknown): ProblemKind {
  const codes: string[] = []
  for (let e = error as (Error & { code?: string; cause?: unknown }) | undefined; e; e = e.cause as typeof e) if (e.code) codes.push(e.code)
  if (codes.some((c) => DAMAGE_CODES.some((d) => c.startsWith(d)))) return 'damaged'
  if (codes.some((c) => ENVIRONMENT_CODES.some((d) => c.startsWith(d)))) return 'environment'
  return (error as Error).message.startsWith('Database migration failed') ? 'migration' : 'damaged'
}

/** Moves the database and its WAL files to `damaged/`, where nothing reads or deletes them. */
function moveAside(file: string, now: Date): string {
  const dir = path.join(path.dirname(file), 'damaged')
  fs.mkdirSync(dir, { recursive: true })
  const aside = path.join(dir, `${path.basename(file, '.sqlite')}-${now.toISOString().replace(/[:.]/g, '-')}.sqlite`)
  for (const suffix of ['', '-wal', '-shm']) if (fs.existsSync(file + suffix)) fs.renameSync(file + suffix, aside + suffix)
  return aside
}

/** The damaged file back in its place, replacing whatever a failed recovery left there. */
function putBack(file: string, damagedCopy: string): void {
  if (!fs.existsSync(damagedCopy)) return
  removeDatabaseFiles(file)
  for (const suffix of ['', '-wal', '-shm']) if (fs.existsSync(damagedCopy + suffix)) fs.renameSync(damagedCopy + suffix, file + suffix)
  if (fs.readdirSync(path.dirname(damagedCopy)).length === 0) fs.rmdirSync(path.dirname(damagedCopy))
}

function removeDatabaseFiles(file: string): void {
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true })
}

/** The registered projects of a damaged file, if that table can still be read; null if it cannot. */
function readProjects(file: string): ProjectRow[] | null {
  let db: BetterSqlite3.Database | undefined
  try {
    db = new BetterSqlite3(file, { readonly: true, fileMustExist: true, nativeBinding: nativeBindingPath() })
    return db.prepare('select * from projects').all() as ProjectRow[]
  } catch {
    return null
  } finally {
    db?.close()
  }
}

/**
 * The damaged file is newer than any backup: its project list and switches win. A project it lacks was
 * removed after the backup and is removed again; prompt storage switched off since is switched off again,
 * and the prompts the backup holds are purged.
 */
async function applySalvagedProjects(database: AppDatabase, salvaged: ProjectRow[] | null): Promise<{ added: number; removed: number }> {
  const counts = { added: 0, removed: 0 }
  if (!salvaged) return counts
  const { db } = database
  const paths = new Set(salvaged.map((p) => p.path))
  for (const row of await listProjectRows(db)) {
    if (paths.has(row.path)) continue
    await deleteProject(db, row.id)
    counts.removed++
  }
  for (const project of salvaged) {
    const switches = { name: project.name, project_type: project.project_type, track: project.track, include_in_insights: project.include_in_insights, store_prompts: project.store_prompts }
    const existing = await findProjectByPath(db, project.path)
    if (!existing) {
      await insertProject(db, { ...switches, path: project.path, registered_at: project.registered_at, updated_at: project.updated_at })
      counts.added++
      continue
    }
    await updateProject(db, existing.id, switches)
    if (existing.store_prompts && !project.store_prompts) await purgePrompts(db, existing.id)
  }
  return counts
}

function notRecovered(restoredFrom: RecoveryReport['restoredFrom'], projectsKnown: boolean): string[] {
  const lost = restoredFrom
    ? [`Anything stored only in the database after the backup of ${restoredFrom.takenAt}: legacy imports (run "session-buddy import legacy" again) and search settings changed since.`]
    : ['Everything not in a project’s event log or in a Claude Code transcript still on disk: legacy imports (run "session-buddy import legacy" again), sessions whose transcripts Claude Code has since deleted, and search settings.']
  if (!projectsKnown)
    lost.push(
      restoredFrom
        ? 'The damaged file’s list of projects could not be read: projects registered or removed since the backup, and switches changed since, are as the backup had them; check the Projects page.'
        : 'The damaged file’s list of projects could not be read: register your projects again, and their event logs and transcripts are read again from the start.',
    )
  return lost
}

/** The report in plain lines, for the terminal (hosts print it once; `doctor` shows the last one). */
export function describeRecovery(report: RecoveryReport): string[] {
  return [
    `The database could not be opened (${report.problem}).`,
    `The file that failed is kept, untouched, at ${report.damagedCopy}.`,
    report.restoredFrom ? `Restored the backup of ${report.restoredFrom.takenAt} (${report.restoredFrom.file}).` : 'No usable backup: started a new database.',
    ...report.backupsSkipped.map((b) => `Backup passed over: ${b}`),
    ...(report.projectsFromDamagedFile === null
      ? []
      : [`Took ${report.projectsFromDamagedFile} registered projects and their switches from the damaged file (${report.projectsAdded} added back, ${report.projectsRemoved} removed again).`]),
    report.readAgain,
    ...report.notRecovered.map((line) => `Not recovered: ${line}`),
  ]
}
