import { sql, type Kysely } from 'kysely'

// Frozen once landed: schema changes go into a new migration file.
// Every tool call in an imported transcript, with how it ended and how long its result took:
// the tool's name and outcome only, never its input or output.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('tool_calls')
    .addColumn('tool_use_id', 'text', (c) => c.primaryKey())
    .addColumn('project_id', 'integer', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('session_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    // 'pending' until its result is read, then 'ok' or 'error'.
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('pending'))
    .addColumn('duration_ms', 'integer')
    .modifyEnd(sql`without rowid`)
    .execute()
  await db.schema.createIndex('tool_calls_session').on('tool_calls').columns(['session_id', 'started_at']).execute()
  await db.schema.createIndex('tool_calls_project_time').on('tool_calls').columns(['project_id', 'started_at']).execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('tool_calls').execute()
}
