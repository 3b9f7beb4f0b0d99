import type { Kysely } from 'kysely'

// Frozen once landed: schema changes go into a new migration file.
// Vectors are keyed by model and the hash of the embedded text, not by skill: a skill has several
// texts (description, clauses, sections), past requests are embedded too, and an unchanged text is
// never embedded twice, whichever file or request it came from.
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
}

export async function down(db: Kysely<unknown>): Promise<void> {
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
