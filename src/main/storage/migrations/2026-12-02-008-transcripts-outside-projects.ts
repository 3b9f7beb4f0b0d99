import type { Kysely } from 'kysely'

// Frozen once landed: schema changes go into a new migration file.
// Transcript files read to their end that belong to no registered project: with their size and time, an
// import skips them until they change or a project is registered (they used to be parsed on every import).
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('transcripts_outside_projects')
    .addColumn('path', 'text', (c) => c.primaryKey())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('mtime_ms', 'real', (c) => c.notNull())
    .addColumn('checked_at', 'text', (c) => c.notNull())
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('transcripts_outside_projects').execute()
}
