import type BetterSqlite3 from 'better-sqlite3'
import type { DomainHandlers } from '../api/handler-types'
import { resolveScope } from '../insights/scope'
import { ToolStats } from './tool-stats'

export function createToolsHandlers(sqlite: BetterSqlite3.Database, now: () => Date = () => new Date()): DomainHandlers<'session-tools' | 'tools-insights' | 'tool-errors'> {
  const tools = new ToolStats(sqlite)
  return {
    'session-tools': async ({ sessionId }) => {
      const calls = tools.sessionCalls(sessionId)
      return { calls, stats: tools.stats(calls.map((c) => ({ name: c.name, status: c.status, durationMs: c.durationMs }))) }
    },
    'tools-insights': async ({ days }) => {
      const scope = resolveScope(sqlite, { days }, now())
      return { scope: scope.view, tools: tools.stats(tools.windowCalls(scope)) }
    },
    'tool-errors': async ({ tool, days }) => tools.errors(resolveScope(sqlite, { days }, now()), tool),
  }
}
