import { sql, type Kysely } from 'kysely'

// Frozen once landed: schema changes go into a new migration file.
// What search and MCP recommended, and which run followed (docs/search.md, "Real use").
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('recommendations')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    // No foreign key: the session is often ingested after the recommendation is made.
    .addColumn('session_id', 'text')
    .addColumn('project_id', 'integer', (c) => c.references('projects.id').onDelete('cascade'))
    .addColumn('request_hash', 'text', (c) => c.notNull())
    // Only where the project stores prompts.
    .addColumn('request_text', 'text')
    // JSON [{ skill, score }] in rank order, at most 10; score null for legacy rows.
    .addColumn('shown', 'text', (c) => c.notNull())
    // Runs stored before it have ids up to this: the run that follows has a higher one.
    .addColumn('runs_before', 'integer', (c) => c.notNull())
    // Set once the run that followed is found, or the window closed without one.
    .addColumn('resolved', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('run_id', 'integer', (c) => c.references('skill_invocations.id').onDelete('set null'))
    .addColumn('run_skill', 'text')
    // 1-based rank of the run's skill among those shown; null when it was not shown.
    .addColumn('run_rank', 'integer')
    .addColumn('legacy_ref', 'text', (c) => c.unique())
    .execute()
  await db.schema.createIndex('recommendations_created').on('recommendations').columns(['created_at']).execute()
  await sql`create index recommendations_unresolved on recommendations (created_at) where resolved = 0`.execute(db)
  await db.schema
    .createTable('recommendation_feedback')
    .addColumn('recommendation_id', 'integer', (c) => c.notNull().references('recommendations.id').onDelete('cascade'))
    .addColumn('skill', 'text', (c) => c.notNull())
    .addColumn('helpful', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    // The request's vector under `model`, so "similar requests" can be found without its text.
    .addColumn('model', 'text')
    .addColumn('request_vector', 'blob')
    .addPrimaryKeyConstraint('recommendation_feedback_pk', ['recommendation_id', 'skill'])
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('recommendation_feedback').execute()
  await db.schema.dropTable('recommendations').execute()
}
