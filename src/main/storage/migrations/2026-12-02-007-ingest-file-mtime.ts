import type { Kysely } from 'kysely'

// Frozen once landed: schema changes go into a new migration file.
// A file's modification time when it was last read: with its size, one stat tells a file with nothing new.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('ingest_files').addColumn('mtime_ms', 'real').execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('ingest_files').dropColumn('mtime_ms').execute()
}
