import type BetterSqlite3 from 'better-sqlite3'
import type { DomainHandlers } from '../api/handler-types'
import { ConversationReader } from './conversation-reader'
import { ConversationSearch } from './conversation-search'

export function createConversationHandlers(
  sqlite: BetterSqlite3.Database,
): DomainHandlers<'session-conversation' | 'conversation-search-start' | 'conversation-search-results' | 'conversation-search-cancel'> {
  const reader = new ConversationReader(sqlite)
  const search = new ConversationSearch(sqlite)
  return {
    'session-conversation': async (request) => reader.page(request),
    'conversation-search-start': async ({ text }) => search.start(text),
    'conversation-search-results': async ({ id, after }) => search.results(id, after),
    'conversation-search-cancel': async ({ id }) => search.cancel(id),
  }
}
