import type { DomainHandlers } from '../api/handler-types'
import type { UsageService } from './usage.service'

export function createUsageHandlers(usage: UsageService): DomainHandlers<'usage-sessions' | 'session-usage'> {
  return {
    'usage-sessions': async (filter) => usage.sessions(filter),
    'session-usage': async ({ sessionId }) => usage.session(sessionId),
  }
}
