import { sql, type Kysely } from 'kysely'

// Frozen once landed: schema changes go into a new migration file.
// Tokens of each model reply, counted once: Claude Code writes one reply over several lines and copies
// lines into resumed and forked files, so a reply is keyed by message id + request id (as ccusage does).
// Cost is not stored: it comes from the price table when read, so a corrected price applies to the past.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('token_usage')
    .addColumn('dedupe_key', 'text', (c) => c.primaryKey())
    .addColumn('project_id', 'integer', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('session_id', 'text', (c) => c.notNull())
    .addColumn('ts', 'text', (c) => c.notNull())
    .addColumn('model', 'text', (c) => c.notNull())
    .addColumn('input_tokens', 'integer', (c) => c.notNull())
    .addColumn('output_tokens', 'integer', (c) => c.notNull())
    .addColumn('cache_creation_tokens', 'integer', (c) => c.notNull())
    .addColumn('cache_read_tokens', 'integer', (c) => c.notNull())
    .modifyEnd(sql`without rowid`)
    .execute()
  await db.schema.createIndex('token_usage_session').on('token_usage').columns(['session_id', 'ts']).execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('token_usage').execute()
}
