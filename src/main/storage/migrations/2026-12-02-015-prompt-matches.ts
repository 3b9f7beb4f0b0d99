import type { Kysely } from 'kysely'

// Frozen once landed: schema changes go into a new migration file.
// The skill each user prompt matched best at ingest, where it matched at all (coverage's missed triggers
// and trigger rates). Only the skill, the match strength, the session and the time: never the prompt's
// text, which stays in `prompts` where the project allows it.
export async function up(db: Kysely<unknown>): Promise<void> {
  // A sub-agent's prompt (the main agent talking) does not end the user's turn.
  await db.schema.alterTable('prompts').addColumn('from_agent', 'integer', (c) => c.notNull().defaultTo(0)).execute()
  await db.schema
    .createTable('prompt_matches')
    .addColumn('prompt_id', 'integer', (c) => c.primaryKey().references('prompts.id').onDelete('cascade'))
    .addColumn('project_id', 'integer', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('session_id', 'text', (c) => c.notNull().references('sessions.id').onDelete('cascade'))
    .addColumn('ts', 'text', (c) => c.notNull())
    .addColumn('skill_name', 'text', (c) => c.notNull())
    .addColumn('strength', 'real', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('prompt_matches_ts').on('prompt_matches').columns(['ts']).execute()
  await db.schema.createIndex('prompt_matches_session').on('prompt_matches').columns(['session_id', 'ts']).execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('prompt_matches').execute()
  await db.schema.alterTable('prompts').dropColumn('from_agent').execute()
}
