import type BetterSqlite3 from 'better-sqlite3'
import type { z } from 'zod'
import { execute, first, query } from '../storage/typed-query'

/**
 * App-wide settings in the `app_settings` table, each validated with its schema on the way out:
 * a value written by an older version that no longer fits falls back to the default.
 */
export function readSetting<S extends z.ZodType>(sqlite: BetterSqlite3.Database, key: string, schema: S, fallback: z.output<S>): z.output<S> {
  const raw = first(sqlite, query.selectFrom('app_settings').select('value').where('key', '=', key))?.value
  if (raw === undefined) return fallback
  try {
    const parsed = schema.safeParse(JSON.parse(raw))
    return parsed.success ? parsed.data : fallback
  } catch {
    return fallback
  }
}

export function writeSetting(sqlite: BetterSqlite3.Database, key: string, value: unknown): void {
  const row = { key, value: JSON.stringify(value), updated_at: new Date().toISOString() }
  execute(sqlite, query.insertInto('app_settings').values(row).onConflict((oc) => oc.column('key').doUpdateSet({ value: row.value, updated_at: row.updated_at })))
}
