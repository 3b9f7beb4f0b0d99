import { sql, type Kysely } from 'kysely'

// Frozen once landed: schema changes go into a new migration file.
export async function up(db: Kysely<unknown>): Promise<void> {
  // Prompts in session order; text is null where the project does not allow storing prompts.
  await db.schema
    .createTable('prompts')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('project_id', 'integer', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('session_id', 'text', (c) => c.notNull().references('sessions.id').onDelete('cascade'))
    .addColumn('ts', 'text', (c) => c.notNull())
    .addColumn('text', 'text')
    .addColumn('source_ref', 'text', (c) => c.notNull().unique())
    .execute()
  await db.schema.createIndex('prompts_session_ts').on('prompts').columns(['session_id', 'ts']).execute()

  // Re-reading a replaced file must not record the same bad line twice.
  await db.schema.createIndex('ingest_errors_file_line').on('ingest_errors').columns(['file_path', 'line']).unique().execute()

  // The abandonment sweep looks only at running invocations.
  await sql`create index skill_invocations_running on skill_invocations (started_at) where status = 'running'`.execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index skill_invocations_running`.execute(db)
  await db.schema.dropIndex('ingest_errors_file_line').execute()
  await db.schema.dropTable('prompts').execute()
}
