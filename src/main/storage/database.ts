import fs from 'node:fs'
import path from 'node:path'
import BetterSqlite3 from 'better-sqlite3'
import { Kysely, Migrator, SqliteAdapter, SqliteDialect, SqliteDriver, type DatabaseConnection, type DialectAdapter, type Driver } from 'kysely'
import { takeBackup } from './backups'
import { migrationProvider, migrations } from './migrations'
import { nativeBindingPath } from './native-binding'
import type { Database } from './schema'

export interface AppDatabase {
  /** Typed query builder for everything that is not a hot loop. */
  db: Kysely<Database>
  /** The raw connection, for prepared statements in hot loops (ingest) and synchronous transactions. */
  sqlite: BetterSqlite3.Database
  file: string
  close(): Promise<void>
}

export interface OpenDatabaseOptions {
  /** Stop before this migration (tests of upgrades from an older schema). */
  migrateTo?: string
  readonly?: boolean
}

export async function openDatabase(file: string, options: OpenDatabaseOptions = {}): Promise<AppDatabase> {
  fs.mkdirSync(path.dirname(file), { recursive: true })
  const sqlite = new BetterSqlite3(file, {
    nativeBinding: nativeBindingPath(),
    readonly: options.readonly ?? false,
  })
  try {
    sqlite.pragma('journal_mode = WAL')
    sqlite.pragma('foreign_keys = ON')
    sqlite.pragma('busy_timeout = 5000')
    sqlite.pragma('synchronous = NORMAL')
    // Space freed inside pages is zeroed as they are written anyway (no extra I/O), so text of deleted or
    // moved rows does not linger in the file; removing a project also zeroes the pages it frees.
    sqlite.pragma('secure_delete = FAST')
    // A larger page cache keeps index pages of the hot tables in memory during bulk ingest.
    sqlite.pragma('cache_size = -65536')
    // Checkpoint less often than every 4 MB: bulk ingest rewrites the same index pages batch after batch.
    sqlite.pragma('wal_autocheckpoint = 10000')
    // Savepoint and statement journals (one per event file of a catch-up group, one per run a trigger
    // logs) in memory, not in temporary files: those writes were most of a many-file ingest's time.
    sqlite.pragma('temp_store = MEMORY')
  } catch (error) {
    sqlite.close()
    throw new Error(`Cannot open the database ${file}: ${(error as Error).message}`, { cause: error })
  }
  const db = new Kysely<Database>({ dialect: new TransactionalDdlSqliteDialect(sqlite) })
  const appDb: AppDatabase = {
    db,
    sqlite,
    file,
    // Kysely's destroy() closes the better-sqlite3 connection too.
    close: () => db.destroy(),
  }
  if (!options.readonly) {
    try {
      refuseNewerSchema(appDb)
      await backupBeforeMigrating(appDb, options.migrateTo)
      await migrate(db, options.migrateTo)
    } catch (error) {
      await appDb.close()
      throw error
    }
  }
  return appDb
}

/** A database written by a newer version has migrations this one does not know: it is left exactly as it is. */
export class NewerDatabaseError extends Error {
  readonly code = 'SESSION_BUDDY_NEWER_DATABASE'
}

function refuseNewerSchema(database: AppDatabase): void {
  const known = new Set(Object.keys(migrations))
  // Read the bookkeeping table itself: kysely lists only the migrations it knows.
  const recorded = database.sqlite.prepare("select count(*) from sqlite_master where name = 'kysely_migration'").pluck().get()
    ? (database.sqlite.prepare('select name from kysely_migration order by name').pluck().all() as string[])
    : []
  const unknown = recorded.filter((name) => !known.has(name))
  if (unknown.length) {
    throw new NewerDatabaseError(
      `${database.file} was written by a newer version of Session Buddy (it has the migration ${unknown.at(-1)}, unknown to this version): update Session Buddy to open it. Nothing was changed.`,
    )
  }
}

/**
 * Before migrating a database that holds data, copy it with SQLite's online backup API, so a migration
 * that goes wrong can always be undone (`backups/pre-migration-<time>-<last migration>.sqlite`).
 */
async function backupBeforeMigrating(database: AppDatabase, target: string | undefined): Promise<string | null> {
  const all = Object.keys(migrations)
  const applied = await appliedMigrations(database.db)
  const wanted = target ? all.slice(0, all.indexOf(target) + 1) : all
  if (applied.length === 0 || wanted.every((name) => applied.includes(name))) return null
  return takeBackup(database.sqlite, database.file, 'pre-migration', applied.at(-1))
}

/**
 * SQLite runs DDL inside transactions, but kysely's SQLite adapter says it cannot, so its Migrator would
 * apply each migration and its bookkeeping row separately: a migration cut short (disk full, a kill)
 * left half a schema that never opened again. Saying yes makes every migration run commit or roll back whole.
 */
class TransactionalDdlSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true
  }
}

class TransactionalDdlSqliteDialect extends SqliteDialect {
  constructor(private readonly sqlite: BetterSqlite3.Database) {
    super({ database: sqlite })
  }

  override createAdapter(): DialectAdapter {
    return new TransactionalDdlSqliteAdapter()
  }

  override createDriver(): Driver {
    return new AutoRollbackAwareSqliteDriver(this.sqlite)
  }
}

/**
 * On some errors, a full disk among them, SQLite rolls the transaction back by itself. A ROLLBACK after
 * that fails with "no transaction is active", and that error replaced the real one ("database or disk
 * is full"): the cause the user must act on was lost. Roll back only what is still open.
 */
class AutoRollbackAwareSqliteDriver extends SqliteDriver {
  constructor(private readonly sqlite: BetterSqlite3.Database) {
    super({ database: sqlite })
  }

  override async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    if (this.sqlite.inTransaction) await super.rollbackTransaction(connection)
  }
}

export async function migrate(db: Kysely<Database>, target?: string): Promise<string[]> {
  const migrator = new Migrator({ db, provider: migrationProvider })
  const { error, results } = target ? await migrator.migrateTo(target) : await migrator.migrateToLatest()
  const failed = results?.find((r) => r.status === 'Error')
  if (error) {
    const name = failed ? ` (${failed.migrationName})` : ''
    throw new Error(`Database migration failed${name}: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    })
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName)
}

export async function appliedMigrations(db: Kysely<Database>): Promise<string[]> {
  const migrator = new Migrator({ db, provider: migrationProvider })
  return (await migrator.getMigrations()).filter((m) => m.executedAt).map((m) => m.name)
}
