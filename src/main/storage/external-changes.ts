import type BetterSqlite3 from 'better-sqlite3'

/**
 * Notices commits made by other processes (the CLI, the MCP server, a second app) to the same
 * database file: SQLite's `data_version` changes only when another connection commits.
 */
export function watchExternalChanges(sqlite: BetterSqlite3.Database, onChange: () => void, intervalMs = 1000): () => void {
  const read = () => sqlite.pragma('data_version', { simple: true }) as number
  let last = read()
  const timer = setInterval(() => {
    const now = read()
    if (now !== last) {
      last = now
      onChange()
    }
  }, intervalMs)
  timer.unref()
  return () => clearInterval(timer)
}
