import type { Kysely } from 'kysely'
import type { DomainHandlers } from '../api/handler-types'
import { appliedMigrations } from '../storage/database'
import type { Database } from '../storage/schema'
import { packageVersion } from './package-root'

export function createSystemHandlers(
  db: Kysely<Database>,
  location: { dataDir: string; databaseFile: string },
): DomainHandlers<'app-info'> {
  return {
    'app-info': async () => ({
      version: packageVersion(),
      dataDir: location.dataDir,
      databaseFile: location.databaseFile,
      schemaVersion: (await appliedMigrations(db)).at(-1) ?? 'none',
    }),
  }
}
