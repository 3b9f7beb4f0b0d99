import type { Kysely } from 'kysely'

// Frozen once landed: schema changes go into a new migration file.
// An event file named for a day two or more days past, read to its end, is settled: no writer appends
// to it any more (writers name files by their current day), so a catch-up no longer stats it.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('ingest_files').addColumn('settled', 'integer', (c) => c.notNull().defaultTo(0)).execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('ingest_files').dropColumn('settled').execute()
}
