import { sql, type Kysely } from 'kysely'

// Frozen once landed: schema changes go into a new migration file.
//
// Honest outcomes (docs/outcomes.md): a run may end as 'unknown', says whether its outcome was stated
// by the caller ('explicit') or inferred from what happened ('inferred'), and keeps the evidence.
// SQLite cannot change a CHECK constraint in place, so skill_invocations is rebuilt (the documented
// 12-step way); migrations run inside one transaction, so a cut-short rebuild leaves the old table.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table skill_invocations_new (
    id integer primary key autoincrement,
    project_id integer not null references projects (id) on delete cascade,
    session_id text references sessions (id) on delete cascade,
    skill_name text not null,
    status text not null check (status in ('running', 'completed', 'failed', 'abandoned', 'unknown')),
    started_at text not null,
    ended_at text,
    duration_ms integer,
    error_type text,
    workflow_path text,
    user_query text,
    follow_up_actions text not null default '[]',
    source text not null,
    source_ref text not null unique,
    outcome_source text check (outcome_source in ('explicit', 'inferred')),
    evidence text,
    derivation integer not null default 2,
    time_unknown integer not null default 0
  )`.execute(db)
  // Rows written before this change: outcomes of the older derivation (a Skill call "completed" when
  // its file loaded); `session-buddy rebuild` re-derives those whose transcript or event log remains.
  await sql`insert into skill_invocations_new
    (id, project_id, session_id, skill_name, status, started_at, ended_at, duration_ms, error_type, workflow_path, user_query,
     follow_up_actions, source, source_ref, outcome_source, evidence, derivation, time_unknown)
    select id, project_id, session_id, skill_name, status, started_at, ended_at, duration_ms, error_type, workflow_path, user_query,
     follow_up_actions, source, source_ref, null, null, 1, 0
    from skill_invocations`.execute(db)
  await sql`drop table skill_invocations`.execute(db)
  await sql`alter table skill_invocations_new rename to skill_invocations`.execute(db)
  await sql`create index skill_invocations_project_skill_started on skill_invocations (project_id, skill_name, started_at)`.execute(db)
  await sql`create index skill_invocations_session on skill_invocations (session_id)`.execute(db)
  await sql`create index skill_invocations_running on skill_invocations (started_at) where status = 'running'`.execute(db)

  // The dirty-day triggers of migration 005, recreated on the new table (the drop removed them).
  const mark = (row: 'new' | 'old') =>
    sql.raw(`insert into insight_dirty_days (project_id, day) select ${row}.project_id, substr(${row}.started_at, 1, 10)
      where not exists (select 1 from insight_dirty_days where project_id = ${row}.project_id and day = substr(${row}.started_at, 1, 10));`)
  await sql`create trigger skill_invocations_dirty_insert after insert on skill_invocations begin ${mark('new')} end`.execute(db)
  await sql`create trigger skill_invocations_dirty_update
    after update of status, started_at, duration_ms, skill_name, session_id, project_id on skill_invocations begin
    ${mark('old')} ${mark('new')}
  end`.execute(db)
  await sql`create trigger skill_invocations_dirty_delete after delete on skill_invocations begin ${mark('old')} end`.execute(db)

  // Summaries count 'unknown' apart from 'running'; every day is recomputed on the next read.
  await sql`alter table usage_daily add column unknown integer not null default 0`.execute(db)
  await sql`alter table usage_monthly add column unknown integer not null default 0`.execute(db)
  await sql`insert or ignore into insight_dirty_days select distinct project_id, substr(started_at, 1, 10) from skill_invocations`.execute(db)

  // Sessions made up by an importer (legacy rows with no session id) are kept out of sequences and correlation.
  await sql`alter table sessions add column synthetic integer not null default 0`.execute(db)
  await sql`update sessions set synthetic = 1 where source like 'legacy%' and id like 'legacy:%'`.execute(db)
}

export async function down(): Promise<void> {
  throw new Error('2026-12-01-006-run-outcomes cannot be undone: restore a backup taken before it')
}
