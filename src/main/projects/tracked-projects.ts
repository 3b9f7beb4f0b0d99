import type BetterSqlite3 from 'better-sqlite3'
import { all, query } from '../storage/typed-query'

export interface TrackedProject {
  id: number
  path: string
  storePrompts: boolean
}

/** Registered projects with tracking on (or just the one asked for), in id order: the ones whose data is read. */
export function trackedProjects(sqlite: BetterSqlite3.Database, projectId?: number): TrackedProject[] {
  return all(
    sqlite,
    query
      .selectFrom('projects')
      .select(['id', 'path', 'store_prompts'])
      .where('track', '=', 1)
      .$if(projectId !== undefined, (q) => q.where('id', '=', projectId!))
      .orderBy('id'),
  ).map((p) => ({ id: p.id, path: p.path, storePrompts: p.store_prompts === 1 }))
}
