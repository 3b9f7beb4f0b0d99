import type { Kysely } from 'kysely'
import { refreshInsightSummaries } from '../insights/insight-summaries'
import type { AppDatabase } from '../storage/database'
import type { Database } from '../storage/schema'

/** Puts one row of every kind that belongs to a project, as ingest and imports will, and its insight summaries. */
export async function seedProjectRows(database: AppDatabase, projectId: number, tag: string): Promise<void> {
  const { db } = database
  const now = new Date().toISOString()
  await db
    .insertInto('sessions')
    .values({ id: `session-${tag}`, project_id: projectId, started_at: now, source: 'event-log', created_at: now })
    .execute()
  await db
    .insertInto('prompts')
    .values({ project_id: projectId, session_id: `session-${tag}`, ts: now, text: 'fix the types', source_ref: `prompt:${tag}` })
    .execute()
  const prompt = await db.selectFrom('prompts').select('id').where('source_ref', '=', `prompt:${tag}`).executeTakeFirstOrThrow()
  await db
    .insertInto('prompt_matches')
    .values({ prompt_id: prompt.id, project_id: projectId, session_id: `session-${tag}`, ts: now, skill_name: 'crackerjack-run', strength: 0.3 })
    .execute()
  const recommendation = await db
    .insertInto('recommendations')
    .values({ source: 'mcp', created_at: now, session_id: `session-${tag}`, project_id: projectId, request_hash: 'h', request_text: 'fix the types', shown: '[]', runs_before: 0 })
    .returning('id')
    .executeTakeFirstOrThrow()
  await db
    .insertInto('recommendation_feedback')
    .values({ recommendation_id: recommendation.id, skill: 'crackerjack-run', helpful: 0, created_at: now, model: null, request_vector: null })
    .execute()
  await db
    .insertInto('skill_invocations')
    .values({
      project_id: projectId,
      session_id: `session-${tag}`,
      skill_name: 'crackerjack-run',
      status: 'completed',
      started_at: now,
      duration_ms: 1500,
      source: 'event-log',
      source_ref: `event:${tag}`,
    })
    .execute()
  const run = await db
    .insertInto('workflow_runs')
    .values({
      project_id: projectId,
      session_id: `session-${tag}`,
      workflow_id: `wf-${tag}`,
      name: 'quality',
      status: 'completed',
      started_at: now,
      source_ref: `workflow:${tag}`,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  await db
    .insertInto('workflow_nodes')
    .values({ run_id: run.id, node_id: 'lint', name: 'lint', status: 'completed', started_at: now, source_ref: `node:${tag}` })
    .execute()
  await db
    .insertInto('skills')
    .values({
      project_id: projectId,
      path: `/skills/${tag}/SKILL.md`,
      name: `skill-${tag}`,
      kind: 'skill',
      content_hash: 'h',
      indexed_at: now,
    })
    .execute()
  await db
    .insertInto('ingest_files')
    .values({ project_id: projectId, path: `/events/${tag}.jsonl`, kind: 'events', identity: '1:1', updated_at: now })
    .execute()
  await db
    .insertInto('ingest_errors')
    .values({ project_id: projectId, file_path: `/events/${tag}.jsonl`, line: 3, reason: 'not JSON', created_at: now })
    .execute()
  refreshInsightSummaries(database.sqlite)
}

export const PROJECT_TABLES = [
  'sessions',
  'prompts',
  'prompt_matches',
  'recommendations',
  'recommendation_feedback',
  'skill_invocations',
  'workflow_runs',
  'workflow_nodes',
  'skills',
  'ingest_files',
  'ingest_errors',
  'usage_daily',
  'duration_daily',
  'session_days',
] as const

export async function countAllRows(db: Kysely<Database>): Promise<Record<string, number>> {
  const counts: Record<string, number> = {}
  for (const table of PROJECT_TABLES) {
    const row = await db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
    counts[table] = Number(row.n)
  }
  return counts
}
