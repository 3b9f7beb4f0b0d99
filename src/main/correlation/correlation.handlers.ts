import type BetterSqlite3 from 'better-sqlite3'
import { ApiError } from '../../shared/api/errors'
import type { ChangeBus } from '../api/change-bus'
import type { DomainHandlers } from '../api/handler-types'
import { correlateSession } from './correlator'
import { renderSessionReport } from './session-report'
import { SessionSearch } from './session-search'
import { loadTimeline } from './timeline.repository'
import type { UsageService } from '../usage/usage.service'

export function createCorrelationHandlers(
  sqlite: BetterSqlite3.Database,
  changes: ChangeBus,
  usage: UsageService,
): DomainHandlers<'sessions-search' | 'session-timeline' | 'session-correlation' | 'session-report'> {
  const search = new SessionSearch(sqlite, usage)
  changes.subscribe((event) => {
    if (event.topics.includes('sessions')) search.invalidate()
  })
  const timeline = (sessionId: string) => {
    const found = loadTimeline(sqlite, sessionId)
    if (!found) throw new ApiError('not-found', `No session ${sessionId}: it may belong to a removed project`)
    return found
  }
  return {
    'sessions-search': async (input) => search.search(input),
    'session-timeline': async ({ sessionId }) => timeline(sessionId),
    'session-correlation': async ({ sessionId }) => correlateSession(timeline(sessionId)),
    'session-report': async ({ sessionId, format }) => {
      const t = timeline(sessionId)
      const correlation = correlateSession(t)
      const base = `session-${sessionId.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 60)}`
      return format === 'json'
        ? { fileName: `${base}.json`, mediaType: 'application/json', content: `${JSON.stringify({ session: t, correlation }, null, 2)}\n` }
        : { fileName: `${base}.md`, mediaType: 'text/markdown', content: renderSessionReport(t, correlation) }
    },
  }
}
