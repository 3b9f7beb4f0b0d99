import type BetterSqlite3 from 'better-sqlite3'
import type { DomainHandlers } from '../api/handler-types'
import { ConversationReader } from './conversation-reader'

export function createConversationHandlers(sqlite: BetterSqlite3.Database): DomainHandlers<'session-conversation'> {
  const reader = new ConversationReader(sqlite)
  return { 'session-conversation': async (request) => reader.page(request) }
}
