import { sql, type Kysely } from 'kysely'

// Frozen once landed: schema changes go into a new migration file.
// What the Skills list shows beside counts and durations, kept in the summary tables so it is read in one
// pass over summaries instead of four scans of every invocation: first and last use per skill and day (or
// month), and counts of error types, workflow paths and follow-up actions.
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const table of ['usage_daily', 'usage_monthly']) {
    await db.schema.alterTable(table).addColumn('first_at', 'text').execute()
    await db.schema.alterTable(table).addColumn('last_at', 'text').execute()
  }
  await sql`create table skill_facts_daily (
    project_id integer not null references projects (id) on delete cascade,
    day text not null,
    skill_name text not null,
    kind text not null check (kind in ('error', 'path', 'follow-up')),
    value text not null,
    n integer not null,
    primary key (project_id, day, skill_name, kind, value)
  ) without rowid`.execute(db)
  await sql`create table skill_facts_monthly (
    project_id integer not null references projects (id) on delete cascade,
    month text not null,
    skill_name text not null,
    kind text not null,
    value text not null,
    n integer not null,
    primary key (project_id, month, skill_name, kind, value)
  ) without rowid`.execute(db)
  // Every day is summarised again at the next refresh, filling the new columns and tables.
  await sql`insert or ignore into insight_dirty_days select distinct project_id, substr(started_at, 1, 10) from skill_invocations`.execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('skill_facts_monthly').execute()
  await db.schema.dropTable('skill_facts_daily').execute()
  for (const table of ['usage_daily', 'usage_monthly']) {
    await db.schema.alterTable(table).dropColumn('last_at').execute()
    await db.schema.alterTable(table).dropColumn('first_at').execute()
  }
}
