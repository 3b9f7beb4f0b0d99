import { sql, type Kysely } from 'kysely'
import type { ProjectRowCounts, ProjectView } from '../../shared/api/projects'
import type { Database, NewProjectRow, ProjectRow, ProjectRowUpdate } from '../storage/schema'

export async function listProjectRows(db: Kysely<Database>): Promise<ProjectRow[]> {
  return db.selectFrom('projects').selectAll().orderBy('name').orderBy('id').execute()
}

export async function findProjectById(db: Kysely<Database>, id: number): Promise<ProjectRow | undefined> {
  return db.selectFrom('projects').selectAll().where('id', '=', id).executeTakeFirst()
}

export async function findProjectByPath(db: Kysely<Database>, projectPath: string): Promise<ProjectRow | undefined> {
  return db.selectFrom('projects').selectAll().where('path', '=', projectPath).executeTakeFirst()
}

export async function insertProject(db: Kysely<Database>, row: NewProjectRow): Promise<ProjectRow> {
  return db.insertInto('projects').values(row).returningAll().executeTakeFirstOrThrow()
}

export async function updateProject(db: Kysely<Database>, id: number, changes: ProjectRowUpdate): Promise<ProjectRow> {
  return db.updateTable('projects').set(changes).where('id', '=', id).returningAll().executeTakeFirstOrThrow()
}

/**
 * Deletes the project; foreign keys with ON DELETE CASCADE remove every row that came from it. The
 * removed rows' text must not stay readable in the file: with secure_delete on SQLite also zeroes the
 * pages the removal frees (the connection otherwise runs with FAST, which zeroes only within pages it
 * writes), and the checkpoint moves the write-ahead log into the database and empties it.
 */
export async function deleteProject(db: Kysely<Database>, id: number): Promise<void> {
  await overwritingFreedText(db, () => db.deleteFrom('projects').where('id', '=', id).execute())
}

/** Runs `work` with secure_delete on (freed pages zeroed too), then moves the WAL into the file and empties it. */
async function overwritingFreedText<T>(db: Kysely<Database>, work: () => Promise<T>): Promise<T> {
  await sql`pragma secure_delete = on`.execute(db)
  let result: T
  try {
    result = await work()
  } finally {
    await sql`pragma secure_delete = fast`.execute(db)
  }
  await sql`pragma wal_checkpoint(TRUNCATE)`.execute(db)
  return result
}

/**
 * Prompt storage was switched off: the prompt text already stored for the project goes too (prompts and
 * the invocations' user queries), overwritten in the file like a removal.
 */
export async function purgePrompts(db: Kysely<Database>, id: number): Promise<number> {
  return overwritingFreedText(db, async () => {
    const prompts = await db.updateTable('prompts').set({ text: null }).where('project_id', '=', id).where('text', 'is not', null).executeTakeFirst()
    const queries = await db.updateTable('skill_invocations').set({ user_query: null }).where('project_id', '=', id).where('user_query', 'is not', null).executeTakeFirst()
    return Number(prompts.numUpdatedRows) + Number(queries.numUpdatedRows)
  })
}

const COUNTED_TABLES = {
  sessions: 'sessions',
  invocations: 'skill_invocations',
  workflowRuns: 'workflow_runs',
  skills: 'skills',
  ingestErrors: 'ingest_errors',
} as const satisfies Record<keyof ProjectRowCounts, keyof Database>

export const NO_ROWS: Readonly<ProjectRowCounts> = { sessions: 0, invocations: 0, workflowRuns: 0, skills: 0, ingestErrors: 0 }

/** Row counts per project, one grouped query per table (not per project), for lists. */
export async function countRowsByProject(db: Kysely<Database>, projectIds?: number[]): Promise<Map<number, ProjectRowCounts>> {
  const result = new Map<number, ProjectRowCounts>()
  for (const [key, table] of Object.entries(COUNTED_TABLES) as Array<[keyof ProjectRowCounts, (typeof COUNTED_TABLES)[keyof ProjectRowCounts]]>) {
    let query = db
      .selectFrom(table)
      .select((eb) => ['project_id', eb.fn.countAll<number>().as('n')])
      .groupBy('project_id')
    if (projectIds) query = query.where('project_id', 'in', projectIds)
    for (const row of await query.execute()) {
      if (row.project_id === null) continue
      const counts = result.get(row.project_id) ?? { ...NO_ROWS }
      counts[key] = Number(row.n)
      result.set(row.project_id, counts)
    }
  }
  return result
}

export async function countProjectRows(db: Kysely<Database>, projectId: number): Promise<ProjectRowCounts> {
  return (await countRowsByProject(db, [projectId])).get(projectId) ?? { ...NO_ROWS }
}

export function toProjectView(row: ProjectRow, counts: ProjectRowCounts): ProjectView {
  return {
    id: row.id,
    path: row.path,
    name: row.name,
    projectType: row.project_type,
    track: row.track === 1,
    includeInInsights: row.include_in_insights === 1,
    storePrompts: row.store_prompts === 1,
    registeredAt: row.registered_at,
    counts,
  }
}
