import { sql, type Kysely } from 'kysely'

// Frozen once landed: schema changes go into a new migration file.
// Which transcript files hold a session's lines (its own file, sub-agent files, resumed copies), so its
// conversation can be read from disk on demand without storing any of it.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('session_files')
    .addColumn('session_id', 'text', (c) => c.notNull())
    .addColumn('path', 'text', (c) => c.notNull())
    .addColumn('project_id', 'integer', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('session_files_pk', ['session_id', 'path'])
    .execute()
  // Transcripts read before this version hold tokens, tool calls and file names not counted then: forget
  // where their reading stopped, so the next import reads each once more. Every row is keyed by its
  // source's own ids (tool-use ids, message + request ids), so nothing is counted twice.
  await sql`delete from ingest_files where kind = 'transcript'`.execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('session_files').execute()
}
