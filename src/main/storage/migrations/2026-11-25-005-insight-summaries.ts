import { sql, type Kysely } from 'kysely'

// Frozen once landed: schema changes go into a new migration file.
//
// Cross-project insights read summary tables, not the raw invocations, so they stay fast at a
// million rows. Every write to skill_invocations (ingest, imports, completion, deletion) marks its
// project and UTC day dirty through triggers; `refreshInsightSummaries` recomputes the dirty days
// from the raw rows before insights are read. Summaries cascade away with their project.
export async function up(db: Kysely<unknown>): Promise<void> {
  // No foreign key: a cascade delete of a project fires the delete trigger after its row is gone.
  await sql`create table insight_dirty_days (project_id integer not null, day text not null, primary key (project_id, day)) without rowid`.execute(db)
  await sql`create table usage_daily (
    project_id integer not null references projects (id) on delete cascade,
    day text not null,
    skill_name text not null,
    invocations integer not null,
    completed integer not null,
    failed integer not null,
    abandoned integer not null,
    duration_n integer not null,
    duration_sum_ms integer not null,
    primary key (project_id, day, skill_name)
  ) without rowid`.execute(db)
  await sql`create table duration_daily (
    project_id integer not null references projects (id) on delete cascade,
    day text not null,
    skill_name text not null,
    bucket integer not null,
    n integer not null,
    primary key (project_id, day, skill_name, bucket)
  ) without rowid`.execute(db)
  await sql`create table sequence_daily (
    project_id integer not null references projects (id) on delete cascade,
    day text not null,
    sequence text not null,
    length integer not null,
    sessions integer not null,
    completed integer not null,
    primary key (project_id, day, sequence)
  ) without rowid`.execute(db)
  // Sessions that used at least one skill, per day their skills ran: the base of pattern support.
  await sql`create table session_days (
    project_id integer not null references projects (id) on delete cascade,
    day text not null,
    sessions integer not null,
    primary key (project_id, day)
  ) without rowid`.execute(db)
  // Monthly roll-ups of the daily tables, so a long window reads a few rows per project and skill.
  // Durations roll up as a JSON histogram { bucket: count } per project, month and skill.
  await sql`create table usage_monthly (
    project_id integer not null references projects (id) on delete cascade,
    month text not null,
    skill_name text not null,
    invocations integer not null,
    completed integer not null,
    failed integer not null,
    abandoned integer not null,
    duration_n integer not null,
    duration_sum_ms integer not null,
    histogram text not null,
    primary key (project_id, month, skill_name)
  ) without rowid`.execute(db)
  await sql`create table sequence_monthly (
    project_id integer not null references projects (id) on delete cascade,
    month text not null,
    sequence text not null,
    length integer not null,
    sessions integer not null,
    completed integer not null,
    primary key (project_id, month, sequence)
  ) without rowid`.execute(db)
  // Sequences and duration histograms of a month summed over the projects included in insights: a
  // long window reads one row per sequence (or skill) and month. Rebuilt for every month when the
  // included set changes.
  await sql`create table sequence_monthly_included (
    month text not null,
    sequence text not null,
    length integer not null,
    sessions integer not null,
    completed integer not null,
    primary key (month, sequence)
  ) without rowid`.execute(db)
  await sql`create table duration_monthly_included (
    month text not null,
    skill_name text not null,
    histogram text not null,
    primary key (month, skill_name)
  ) without rowid`.execute(db)
  await sql`create table session_months (
    project_id integer not null references projects (id) on delete cascade,
    month text not null,
    sessions integer not null,
    primary key (project_id, month)
  ) without rowid`.execute(db)

  // "where not exists" rather than "insert or ignore": an outer statement's conflict clause
  // (e.g. an importer's OR ROLLBACK) overrides the one inside a trigger.
  const mark = (row: 'new' | 'old') =>
    sql.raw(`insert into insight_dirty_days (project_id, day) select ${row}.project_id, substr(${row}.started_at, 1, 10)
      where not exists (select 1 from insight_dirty_days where project_id = ${row}.project_id and day = substr(${row}.started_at, 1, 10));`)
  await sql`create trigger skill_invocations_dirty_insert after insert on skill_invocations begin ${mark('new')} end`.execute(db)
  await sql`create trigger skill_invocations_dirty_update
    after update of status, started_at, duration_ms, skill_name, session_id, project_id on skill_invocations begin
    ${mark('old')} ${mark('new')}
  end`.execute(db)
  await sql`create trigger skill_invocations_dirty_delete after delete on skill_invocations begin ${mark('old')} end`.execute(db)
  // Rows already stored before this migration.
  await sql`insert or ignore into insight_dirty_days select distinct project_id, substr(started_at, 1, 10) from skill_invocations`.execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const trigger of ['skill_invocations_dirty_insert', 'skill_invocations_dirty_update', 'skill_invocations_dirty_delete']) {
    await sql`drop trigger ${sql.raw(trigger)}`.execute(db)
  }
  for (const table of ['session_months', 'duration_monthly_included', 'sequence_monthly_included', 'sequence_monthly', 'usage_monthly', 'session_days', 'sequence_daily', 'duration_daily', 'usage_daily', 'insight_dirty_days']) await db.schema.dropTable(table).execute()
}
