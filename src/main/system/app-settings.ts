import type BetterSqlite3 from 'better-sqlite3'
import type { z } from 'zod'

/**
 * App-wide settings in the `app_settings` table, each validated with its schema on the way out:
 * a value written by an older version that no longer fits falls back to the default.
 */
export function readSetting<S extends z.ZodType>(sqlite: BetterSqlite3.Database, key: string, schema: S, fallback: z.output<S>): z.output<S> {
  const raw = sqlite.prepare('select value from app_settings where key = ?').pluck().get(key) as string | undefined
  if (raw === undefined) return fallback
  try {
    const parsed = schema.safeParse(JSON.parse(raw))
    return parsed.success ? parsed.data : fallback
  } catch {
    return fallback
  }
}

export function writeSetting(sqlite: BetterSqlite3.Database, key: string, value: unknown): void {
  sqlite
    .prepare('insert into app_settings (key, value, updated_at) values (?, ?, ?) on conflict (key) do update set value = excluded.value, updated_at = excluded.updated_at')
    .run(key, JSON.stringify(value), new Date().toISOString())
}
