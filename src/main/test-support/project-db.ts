import fs from 'node:fs'
import path from 'node:path'
import { afterEach } from 'vitest'
import { openDatabase, type AppDatabase } from '../storage/database'
import { tempDir } from './temp-dir'

const open: AppDatabase[] = []
afterEach(async () => {
  for (const database of open.splice(0)) await database.close()
})

/** A migrated database with one registered project at a real folder; closed after the test. */
export async function databaseWithProject(options: { storePrompts?: boolean; projectPath?: string } = {}) {
  const root = tempDir()
  const database = await openDatabase(path.join(root, 'db.sqlite'))
  open.push(database)
  const projectPath = options.projectPath ?? path.join(root, 'project')
  if (!options.projectPath) fs.mkdirSync(projectPath, { recursive: true })
  const id = addProjectRow(database, projectPath, options.storePrompts ?? false)
  return { database, sqlite: database.sqlite, projectPath, project: { id, storePrompts: options.storePrompts ?? false }, root }
}

/** Registers a project row directly (paths in real transcripts do not exist on this machine). */
export function addProjectRow(database: AppDatabase, projectPath: string, storePrompts = false): number {
  const now = new Date().toISOString()
  return Number(
    database.sqlite
      .prepare('insert into projects (path, name, store_prompts, registered_at, updated_at) values (?, ?, ?, ?, ?)')
      .run(projectPath, path.basename(projectPath), storePrompts ? 1 : 0, now, now).lastInsertRowid,
  )
}
