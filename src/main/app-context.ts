import { ChangeBus } from './api/change-bus'
import type { Handlers } from './api/handler-types'
import { createProjectHandlers } from './projects/project.service'
import { databasePath, resolveDataDir } from './storage/data-dir'
import { openDatabase, type AppDatabase } from './storage/database'
import { createSystemHandlers } from './system/system.handlers'

/** Everything a host (Electron, HTTP server, CLI, MCP) needs, wired once. */
export interface AppContext {
  dataDir: string
  database: AppDatabase
  changes: ChangeBus
  handlers: Handlers
  close(): Promise<void>
}

/** The composition root shared by every host: open the database, build the services and their handlers. */
export async function openAppContext(options: { dataDir?: string } = {}): Promise<AppContext> {
  const dataDir = resolveDataDir({ override: options.dataDir })
  const databaseFile = databasePath(dataDir)
  const database = await openDatabase(databaseFile)
  const changes = new ChangeBus()
  const handlers: Handlers = {
    ...createSystemHandlers(database.db, { dataDir, databaseFile }),
    ...createProjectHandlers(database.db, changes),
  }
  return { dataDir, database, changes, handlers, close: () => database.close() }
}
