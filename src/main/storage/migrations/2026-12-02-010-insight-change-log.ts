import { sql, type Kysely } from 'kysely'

// Frozen once landed: schema changes go into a new migration file.
//
// Summaries kept current by what changed, not by recomputing whole days. A refresh adds runs written
// since the last one (id above insight_cursor.last_id: ids only grow) to the daily counts, and
// subtracts and re-adds runs updated since, whose old and new values triggers append to
// insight_changes. Inserts, most of every ingest, cost no trigger work. Sequences depend on order
// within a session: each session-day's ordered steps are kept in session_day_steps, and a refresh
// recomputes only the session-days that changed. A counted run that moves to another project, day,
// skill or start time, or is deleted, marks its whole day for recomputation (first and last use
// cannot be un-added).
const SUMMARISED = 'status, started_at, duration_ms, skill_name, session_id, project_id, error_type, workflow_path, follow_up_actions'
const SAME_PLACE = 'old.project_id = new.project_id and old.skill_name = new.skill_name and old.started_at = new.started_at'

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table insight_changes (
    sign integer not null,
    project_id integer not null,
    day text not null,
    skill_name text not null,
    status text not null,
    duration_ms integer,
    error_type text,
    workflow_path text,
    follow_up_actions text not null,
    started_at text not null
  )`.execute(db)
  await sql`create table insight_dirty_sessions (project_id integer not null, day text not null, session_id text not null, primary key (project_id, day, session_id)) without rowid`.execute(db)
  await sql`create table session_day_steps (
    project_id integer not null references projects (id) on delete cascade,
    day text not null,
    session_id text not null,
    steps text not null,
    primary key (project_id, day, session_id)
  ) without rowid`.execute(db)

  await sql`create table insight_cursor (last_id integer not null)`.execute(db)
  // Every run stored before this migration is counted by recomputing its day (below).
  await sql`insert into insight_cursor select coalesce(max(id), 0) from skill_invocations`.execute(db)

  for (const trigger of ['skill_invocations_dirty_insert', 'skill_invocations_dirty_update', 'skill_invocations_dirty_delete']) await sql`drop trigger ${sql.raw(trigger)}`.execute(db)
  const log = (sign: 1 | -1, row: 'new' | 'old') =>
    sql.raw(`insert into insight_changes (sign, project_id, day, skill_name, status, duration_ms, error_type, workflow_path, follow_up_actions, started_at)
      values (${sign}, ${row}.project_id, substr(${row}.started_at, 1, 10), ${row}.skill_name, ${row}.status, ${row}.duration_ms, ${row}.error_type, ${row}.workflow_path, ${row}.follow_up_actions, ${row}.started_at);`)
  // "where not exists" rather than "insert or ignore": an outer statement's conflict clause
  // (e.g. an importer's OR ROLLBACK) overrides the one inside a trigger.
  const markSession = (row: 'new' | 'old') =>
    sql.raw(`insert into insight_dirty_sessions (project_id, day, session_id) select ${row}.project_id, substr(${row}.started_at, 1, 10), ${row}.session_id
      where ${row}.session_id is not null and not exists (select 1 from insight_dirty_sessions where project_id = ${row}.project_id and day = substr(${row}.started_at, 1, 10) and session_id = ${row}.session_id);`)
  const markDay = (row: 'new' | 'old') =>
    sql.raw(`insert into insight_dirty_days (project_id, day) select ${row}.project_id, substr(${row}.started_at, 1, 10)
      where not exists (select 1 from insight_dirty_days where project_id = ${row}.project_id and day = substr(${row}.started_at, 1, 10));`)

  const counted = (row: 'new' | 'old') => `${row}.id <= (select last_id from insight_cursor)`
  await sql`create trigger skill_invocations_summary_update after update of ${sql.raw(SUMMARISED)} on skill_invocations
    when ${sql.raw(counted('old'))} and ${sql.raw(SAME_PLACE)} begin
    ${log(-1, 'old')} ${log(1, 'new')} ${markSession('old')} ${markSession('new')}
  end`.execute(db)
  await sql`create trigger skill_invocations_summary_move after update of ${sql.raw(SUMMARISED)} on skill_invocations
    when ${sql.raw(counted('old'))} and not (${sql.raw(SAME_PLACE)}) begin
    ${markDay('old')} ${markDay('new')}
  end`.execute(db)
  await sql`create trigger skill_invocations_summary_delete after delete on skill_invocations when ${sql.raw(counted('old'))} begin ${markDay('old')} end`.execute(db)

  // Every day is summarised again at the next refresh, filling session_day_steps.
  await sql`insert or ignore into insight_dirty_days select distinct project_id, substr(started_at, 1, 10) from skill_invocations`.execute(db)
}

export async function down(): Promise<void> {
  throw new Error('2026-12-02-010-insight-change-log cannot be undone: restore a backup taken before it')
}
