import { sql, type Kysely } from 'kysely'

// Frozen once landed: schema changes go into a new migration file.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('projects')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('path', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('project_type', 'text', (c) => c.notNull().defaultTo('unknown'))
    .addColumn('track', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('include_in_insights', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('store_prompts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('registered_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('project_id', 'integer', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('ended_at', 'text')
    .addColumn('end_reason', 'text')
    .addColumn('git_branch', 'text')
    .addColumn('model', 'text')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('sessions_project_started').on('sessions').columns(['project_id', 'started_at']).execute()

  await db.schema
    .createTable('skill_invocations')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('project_id', 'integer', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('session_id', 'text', (c) => c.references('sessions.id').onDelete('cascade'))
    .addColumn('skill_name', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('running', 'completed', 'failed', 'abandoned')`),
    )
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('ended_at', 'text')
    .addColumn('duration_ms', 'integer')
    .addColumn('error_type', 'text')
    .addColumn('workflow_path', 'text')
    .addColumn('user_query', 'text')
    .addColumn('follow_up_actions', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('source_ref', 'text', (c) => c.notNull().unique())
    .execute()
  await db.schema
    .createIndex('skill_invocations_project_skill_started')
    .on('skill_invocations')
    .columns(['project_id', 'skill_name', 'started_at'])
    .execute()
  await db.schema.createIndex('skill_invocations_session').on('skill_invocations').column('session_id').execute()
  // No (skill_name, started_at) index: every per-skill query is scoped to projects (opt-in), which the
  // (project_id, skill_name, started_at) index serves, and each extra index costs bulk ingest ~10%.

  await db.schema
    .createTable('workflow_runs')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('project_id', 'integer', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('session_id', 'text', (c) => c.references('sessions.id').onDelete('cascade'))
    .addColumn('workflow_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('running', 'completed', 'failed')`))
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('ended_at', 'text')
    .addColumn('duration_ms', 'integer')
    .addColumn('metadata', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('source_ref', 'text', (c) => c.notNull().unique())
    .execute()
  await db.schema.createIndex('workflow_runs_session').on('workflow_runs').column('session_id').execute()
  await db.schema.createIndex('workflow_runs_project').on('workflow_runs').column('project_id').execute()

  await db.schema
    .createTable('workflow_nodes')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('run_id', 'integer', (c) => c.notNull().references('workflow_runs.id').onDelete('cascade'))
    .addColumn('node_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('running', 'completed', 'failed')`))
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('ended_at', 'text')
    .addColumn('duration_ms', 'integer')
    .addColumn('error', 'text')
    .addColumn('metadata', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('source_ref', 'text', (c) => c.notNull().unique())
    .execute()
  await db.schema.createIndex('workflow_nodes_run').on('workflow_nodes').column('run_id').execute()

  await db.schema
    .createTable('skills')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('project_id', 'integer', (c) => c.references('projects.id').onDelete('cascade'))
    .addColumn('path', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('skill', 'command')`))
    .addColumn('sections', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addColumn('deprecated', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('indexed_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('skills_name').on('skills').column('name').execute()
  await db.schema.createIndex('skills_project').on('skills').column('project_id').execute()

  await db.schema
    .createTable('skill_embeddings')
    .addColumn('skill_id', 'integer', (c) => c.notNull().references('skills.id').onDelete('cascade'))
    .addColumn('model', 'text', (c) => c.notNull())
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addColumn('dims', 'integer', (c) => c.notNull())
    .addColumn('vector', 'blob', (c) => c.notNull())
    .addPrimaryKeyConstraint('skill_embeddings_pk', ['skill_id', 'model'])
    .execute()

  await db.schema
    .createTable('ingest_files')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('project_id', 'integer', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('path', 'text', (c) => c.notNull().unique())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('offset', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('line', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('size', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('identity', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('ingest_errors')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('project_id', 'integer', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('file_path', 'text', (c) => c.notNull())
    .addColumn('line', 'integer')
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('excerpt', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('ingest_errors_project').on('ingest_errors').column('project_id').execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'ingest_errors',
    'ingest_files',
    'skill_embeddings',
    'skills',
    'workflow_nodes',
    'workflow_runs',
    'skill_invocations',
    'sessions',
    'projects',
  ]) {
    await db.schema.dropTable(table).execute()
  }
}
