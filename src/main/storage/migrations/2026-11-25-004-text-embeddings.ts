import type { Kysely } from 'kysely'

// Frozen once landed: schema changes go into a new migration file.
// Vectors are keyed by model and the hash of the embedded text, not by skill: a skill has several
// texts (description, clauses, sections), past requests are embedded too, and an unchanged text is
// never embedded twice, whichever file or request it came from. Also an index for search's
// effectiveness lookups by skill name.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('skill_embeddings').execute()
  await db.schema
    .createTable('text_embeddings')
    .addColumn('model', 'text', (c) => c.notNull())
    .addColumn('text_hash', 'text', (c) => c.notNull())
    .addColumn('dims', 'integer', (c) => c.notNull())
    .addColumn('vector', 'blob', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('text_embeddings_pk', ['model', 'text_hash'])
    .execute()
  // Search reads the recent uses of a few skills by name, across projects.
  await db.schema.createIndex('skill_invocations_skill_started').on('skill_invocations').columns(['skill_name', 'started_at']).execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('skill_invocations_skill_started').execute()
  await db.schema.dropTable('text_embeddings').execute()
  await db.schema
    .createTable('skill_embeddings')
    .addColumn('skill_id', 'integer', (c) => c.notNull().references('skills.id').onDelete('cascade'))
    .addColumn('model', 'text', (c) => c.notNull())
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addColumn('dims', 'integer', (c) => c.notNull())
    .addColumn('vector', 'blob', (c) => c.notNull())
    .addPrimaryKeyConstraint('skill_embeddings_pk', ['skill_id', 'model'])
    .execute()
}
