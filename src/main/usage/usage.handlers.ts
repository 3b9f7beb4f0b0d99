import type BetterSqlite3 from 'better-sqlite3'
import type { DomainHandlers } from '../api/handler-types'
import { resolveScope } from '../insights/scope'
import type { UsageService } from './usage.service'

export function createUsageHandlers(sqlite: BetterSqlite3.Database, usage: UsageService, now: () => Date = () => new Date()): DomainHandlers<'usage-sessions' | 'session-usage' | 'usage-breakdown'> {
  return {
    'usage-breakdown': async (input) => {
      const scope = resolveScope(sqlite, input, now())
      return { scope: scope.view, ...usage.breakdown(scope) }
    },
    'usage-sessions': async (filter) => usage.sessions(filter),
    'session-usage': async ({ sessionId }) => usage.session(sessionId),
  }
}
