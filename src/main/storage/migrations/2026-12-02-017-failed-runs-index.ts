import { sql, type Kysely } from 'kysely'

// Frozen once landed: schema changes go into a new migration file.

/**
 * Failed runs by when they ended, for the desktop app's "a skill failed 3 times in a row" check. Partial:
 * only failed runs are indexed, so bulk ingest of the rest pays nothing for it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create index skill_invocations_failed_ended on skill_invocations (ended_at) where status = 'failed'`.execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index skill_invocations_failed_ended`.execute(db)
}
