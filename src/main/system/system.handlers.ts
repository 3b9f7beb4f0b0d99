import type BetterSqlite3 from 'better-sqlite3'
import type { Kysely } from 'kysely'
import type { DomainHandlers } from '../api/handler-types'
import { lastRecovery, RECOVERY_SETTING } from '../recovery/recovery-settings'
import { appliedMigrations } from '../storage/database'
import type { Database } from '../storage/schema'
import { uiSettingsSchema } from '../../shared/api/system'
import { readSetting, writeSetting } from './app-settings'
import { packageVersion } from './package-root'

const UI_SETTINGS = 'ui.settings'

export function createSystemHandlers(
  db: Kysely<Database>,
  sqlite: BetterSqlite3.Database,
  location: { dataDir: string; databaseFile: string },
): DomainHandlers<'app-info' | 'recovery-dismiss' | 'ui-settings-get' | 'ui-settings-set'> {
  const uiSettings = () => readSetting(sqlite, UI_SETTINGS, uiSettingsSchema, { theme: 'system' })
  const recovery = () => lastRecovery(sqlite)
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
    'ui-settings-get': async () => uiSettings(),
    'ui-settings-set': async (input) => {
      const next = { ...uiSettings(), ...input }
      writeSetting(sqlite, UI_SETTINGS, next)
      return next
    },
  }
}
