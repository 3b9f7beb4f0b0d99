import type BetterSqlite3 from 'better-sqlite3'
import type { Kysely } from 'kysely'
import { z } from 'zod'
import type { RecoveryReport } from '../../shared/api/system'
import type { DomainHandlers } from '../api/handler-types'
import { RECOVERY_SETTING } from '../recovery/open-with-recovery'
import { appliedMigrations } from '../storage/database'
import type { Database } from '../storage/schema'
import { readSetting, writeSetting } from './app-settings'
import { packageVersion } from './package-root'

// Read back leniently: the report is shown, never acted on.
const storedRecovery = z.custom<RecoveryReport>((v) => typeof v === 'object' && v !== null && 'problem' in v)

export function createSystemHandlers(
  db: Kysely<Database>,
  sqlite: BetterSqlite3.Database,
  location: { dataDir: string; databaseFile: string },
): DomainHandlers<'app-info' | 'recovery-dismiss'> {
  const recovery = () => readSetting(sqlite, RECOVERY_SETTING, storedRecovery.nullable(), null)
  return {
    'app-info': async () => {
      const last = recovery()
      return {
        version: packageVersion(),
        dataDir: location.dataDir,
        databaseFile: location.databaseFile,
        schemaVersion: (await appliedMigrations(db)).at(-1) ?? 'none',
        recovery: last && !last.dismissed ? last : null,
      }
    },
    'recovery-dismiss': async () => {
      const last = recovery()
      if (last) writeSetting(sqlite, RECOVERY_SETTING, { ...last, dismissed: true })
      return { ok: true as const }
    },
  }
}
