import { z } from 'zod'
import { endpoint } from './endpoint'

export type ConversationBlock =
  | { kind: 'text'; text: string }
  | { kind: 'thinking'; text: string }
  /** A tool call with its input and, when found, its result (both cut to a readable length). */
  | { kind: 'tool'; id: string; name: string; input: string; result: { text: string; isError: boolean } | null }

/** One transcript line a person would read: a prompt, or a model reply's text, thinking and tool calls. */
export interface ConversationMessage {
  /** Its place among the file's conversation lines: what a page starts at. */
  line: number
  role: 'user' | 'assistant'
  ts: string | null
  model: string | null
  /** Written by a sub-agent rather than the main conversation. */
  sidechain: boolean
  blocks: ConversationBlock[]
}

export interface ConversationFile {
  path: string
  kind: 'main' | 'sub-agent'
  /** Its size on disk. */
  bytes: number
}

export interface ConversationPage {
  sessionId: string
  /** The session's transcript files still on disk; empty when Claude Code has deleted them. */
  files: ConversationFile[]
  /** Files the database knows of that are no longer on disk. */
  missing: string[]
  /** The file this page is from. */
  file: string | null
  start: number
  /** Where the next page starts. */
  next: number
  /** Conversation lines found so far; all of the file's once `complete`. */
  total: number
  /** The whole file has been read: `total` is final, and a page ending at it is the last. */
  complete: boolean
  messages: ConversationMessage[]
  /** The line asked for with `around`, when found. */
  focus: number | null
}

export const conversationApi = {
  /**
   * A page of a session's conversation, read from its transcript on disk (nothing of it is stored).
   * `around` starts the page a little before a tool call or a moment, and names it in `focus`.
   */
  'session-conversation': endpoint<ConversationPage>()(
    z
      .object({
        sessionId: z.string().min(1).max(200),
        file: z.string().min(1).max(4096).optional(),
        start: z.number().int().min(0).optional(),
        limit: z.number().int().min(1).max(500).optional(),
        around: z.object({ toolUseId: z.string().min(1).max(200).optional(), ts: z.iso.datetime().optional() }).strict().optional(),
      })
      .strict(),
  ),
}

/** A phrase found in a session's conversation, with the words around it. */
export interface ConversationHit {
  sessionId: string
  projectName: string
  ts: string | null
  role: 'user' | 'assistant'
  /** Where in the message: its text, thinking, or a tool call's input or result. */
  where: 'text' | 'thinking' | 'tool input' | 'tool result'
  before: string
  match: string
  after: string
}

export interface ConversationSearchState {
  id: string
  text: string
  hits: ConversationHit[]
  /** Transcripts searched so far, of all those of registered projects. */
  filesSearched: number
  files: number
  bytes: number
  done: boolean
  cancelled: boolean
  /** Stopped early at this many hits (narrow the phrase to see the rest). */
  capped: boolean
  elapsedMs: number
}

const searchId = z.string().regex(/^[a-z0-9-]{1,40}$/)

export const conversationSearchApi = {
  /** Starts reading the transcripts of registered projects for a phrase; hits arrive through conversation-search-results. */
  'conversation-search-start': endpoint<{ id: string }>()(z.object({ text: z.string().trim().min(2, 'Type at least two characters').max(200) }).strict()),
  /** The hits found so far from `after` on, and whether the search is done. */
  'conversation-search-results': endpoint<ConversationSearchState>()(z.object({ id: searchId, after: z.number().int().min(0).optional() }).strict()),
  'conversation-search-cancel': endpoint<{ cancelled: boolean }>()(z.object({ id: searchId }).strict()),
}
