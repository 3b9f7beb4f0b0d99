import type BetterSqlite3 from 'better-sqlite3'

const cache = new WeakMap<BetterSqlite3.Database, Map<string, unknown>>()

/**
 * Statements prepared once per connection and reused: for code that runs after every ingest batch,
 * where preparing a dozen statements each time would cost more than running them.
 */
export function preparedOnce<T>(sqlite: BetterSqlite3.Database, key: string, prepare: () => T): T {
  let byKey = cache.get(sqlite)
  if (!byKey) cache.set(sqlite, (byKey = new Map()))
  if (!byKey.has(key)) byKey.set(key, prepare())
  return byKey.get(key) as T
}
