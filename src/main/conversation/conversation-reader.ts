import fs from 'node:fs'
import path from 'node:path'
import type BetterSqlite3 from 'better-sqlite3'
import type { ConversationBlock, ConversationFile, ConversationMessage, ConversationPage } from '../../shared/api/conversation'
import { all, query } from '../storage/typed-query'
import { transcriptIndex, type TranscriptIndex } from './transcript-index'

const DEFAULT_LIMIT = 100
/** Lines shown before the one asked for, so it does not open at the very top of the view. */
const CONTEXT_BEFORE = 3
const TEXT_LIMIT = 20_000
const TOOL_TEXT_LIMIT = 4_000
const RESULT_LOOKAHEAD_BYTES = 8 * 1024 * 1024

type Block = Record<string, unknown>

export interface ConversationRequest {
  sessionId: string
  file?: string
  start?: number
  limit?: number
  around?: { toolUseId?: string; ts?: string }
}

/**
 * A session's conversation, read from its transcript files on disk a page at a time. Nothing of it is
 * stored: the database only knows which files hold the session (session_files).
 */
export class ConversationReader {
  constructor(private readonly sqlite: BetterSqlite3.Database) {}

  page(request: ConversationRequest): ConversationPage {
    const known = all(this.sqlite, query.selectFrom('session_files').select('path').where('session_id', '=', request.sessionId).orderBy('path')).map((r) => r.path)
    const present = known.filter((file) => fs.existsSync(file))
    const missing = known.filter((file) => !present.includes(file))
    const empty: ConversationPage = { sessionId: request.sessionId, files: [], missing, file: null, start: 0, next: 0, total: 0, complete: true, messages: [], focus: null }
    if (present.length === 0) return empty
    const files: ConversationFile[] = present
      .map((file): ConversationFile => ({ path: file, kind: isSubAgent(file) ? 'sub-agent' : 'main', bytes: fs.statSync(file).size }))
      .sort((a, b) => (a.kind === b.kind ? a.path.localeCompare(b.path) : a.kind === 'main' ? -1 : 1))

    // Only the session's own files can be read: a path is taken from the list, never from the request.
    let file = files.find((f) => f.path === request.file)?.path ?? files[0]!.path
    let focus: number | null = null
    const toolUseId = request.around?.toolUseId
    if (toolUseId) {
      for (const candidate of [file, ...files.map((f) => f.path).filter((p) => p !== file)]) {
        const index = transcriptIndex(candidate, (i) => i.callLine.has(toolUseId))
        if (index.callLine.has(toolUseId)) {
          file = candidate
          focus = index.callLine.get(toolUseId)!
          break
        }
      }
    } else if (request.around?.ts) {
      const time = Date.parse(request.around.ts)
      const index = transcriptIndex(file, (i) => i.times.length > 0 && i.times.at(-1)! >= time)
      focus = firstAtOrAfter(index, time)
    }
    const limit = request.limit ?? DEFAULT_LIMIT
    const start = focus !== null ? Math.max(0, focus - CONTEXT_BEFORE) : (request.start ?? 0)
    // One line past the page: whether there is more is then known without reading the rest.
    let index = transcriptIndex(file, (i) => i.starts.length > start + limit)
    let messages = readMessages(index, Math.min(start, index.starts.length), Math.min(index.starts.length, start + limit))
    // A call whose result lies beyond what was scanned: read on a little for it (results follow their calls closely).
    const waiting = messages.flatMap((m) => m.blocks.flatMap((b) => (b.kind === 'tool' && b.result === null ? [b.id] : [])))
    if (waiting.length && !index.complete) {
      const limitAt = index.scannedTo + RESULT_LOOKAHEAD_BYTES
      index = transcriptIndex(file, (i) => i.scannedTo >= limitAt || waiting.every((id) => i.resultAt.has(id)))
      messages = readMessages(index, Math.min(start, index.starts.length), Math.min(index.starts.length, start + limit))
    }
    const end = Math.min(index.starts.length, start + limit)
    return { ...empty, files, file, start: Math.min(start, end), next: end, total: index.starts.length, complete: index.complete, messages, focus }
  }
}

const isSubAgent = (file: string) => file.split(path.sep).includes('subagents')

function firstAtOrAfter(index: TranscriptIndex, time: number): number | null {
  if (Number.isNaN(time) || index.times.length === 0) return null
  const found = index.times.findIndex((t) => t >= time)
  return found === -1 ? index.times.length - 1 : found
}

/** The conversation lines [start, end) of one transcript file, as messages (empty ones left out). */
export function readMessages(index: TranscriptIndex, start: number, end: number): ConversationMessage[] {
  if (end <= start) return []
  const from = index.starts[start]!
  const to = index.starts[end - 1]! + index.lengths[end - 1]!
  const bytes = readRange(index.path, from, to - from)
  const messages: ConversationMessage[] = []
  for (let line = start; line < end; line++) {
    const text = bytes.toString('utf8', index.starts[line]! - from, index.starts[line]! - from + index.lengths[line]!)
    const message = toMessage(index, line, text)
    if (message && message.blocks.length > 0) messages.push(message)
  }
  return messages
}

function readRange(file: string, start: number, length: number): Buffer {
  const buffer = Buffer.alloc(length)
  const fd = fs.openSync(file, 'r')
  try {
    fs.readSync(fd, buffer, 0, length, start)
  } finally {
    fs.closeSync(fd)
  }
  return buffer
}

function toMessage(index: TranscriptIndex, line: number, text: string): ConversationMessage | null {
  let value: Record<string, unknown>
  try {
    value = JSON.parse(text) as Record<string, unknown>
  } catch {
    return null
  }
  const role = value.type === 'assistant' ? 'assistant' : value.type === 'user' ? 'user' : null
  if (!role || typeof value.message !== 'object' || value.message === null) return null
  const message = value.message as Record<string, unknown>
  const content = typeof message.content === 'string' ? [{ type: 'text', text: message.content }] : Array.isArray(message.content) ? (message.content as Block[]) : []
  const blocks: ConversationBlock[] = []
  for (const block of content) {
    if (block.type === 'text' && typeof block.text === 'string' && block.text.trim()) blocks.push({ kind: 'text', text: cut(block.text, TEXT_LIMIT) })
    else if (block.type === 'thinking' && typeof block.thinking === 'string' && block.thinking.trim()) blocks.push({ kind: 'thinking', text: cut(block.thinking, TEXT_LIMIT) })
    else if (block.type === 'image') blocks.push({ kind: 'text', text: '[an image]' })
    else if (block.type === 'tool_use' && typeof block.id === 'string') {
      blocks.push({ kind: 'tool', id: block.id, name: typeof block.name === 'string' ? block.name : 'tool', input: cut(JSON.stringify(block.input ?? {}, null, 2), TOOL_TEXT_LIMIT), result: resultOf(index, block.id) })
    }
    // tool_result blocks are shown with the call they answer.
  }
  return {
    line,
    role,
    ts: typeof value.timestamp === 'string' ? value.timestamp : null,
    model: typeof message.model === 'string' ? message.model : null,
    sidechain: value.isSidechain === true,
    blocks,
  }
}

function resultOf(index: TranscriptIndex, toolUseId: string): { text: string; isError: boolean } | null {
  const at = index.resultAt.get(toolUseId)
  if (!at) return null
  try {
    const value = JSON.parse(readRange(index.path, at.start, at.length).toString('utf8')) as { message?: { content?: unknown } }
    const content = Array.isArray(value.message?.content) ? (value.message.content as Block[]) : []
    const block = content.find((b) => b.type === 'tool_result' && b.tool_use_id === toolUseId)
    if (!block) return null
    return { text: cut(resultText(block.content), TOOL_TEXT_LIMIT), isError: block.is_error === true }
  } catch {
    return null
  }
}

/** A tool result's text: a string, or its text blocks joined (images as a placeholder). */
export function resultText(content: unknown): string {
  if (typeof content === 'string') return content
  if (!Array.isArray(content)) return ''
  return (content as Block[]).map((b) => (b.type === 'text' && typeof b.text === 'string' ? b.text : b.type === 'image' ? '[an image]' : '')).join('\n')
}

function cut(text: string, limit: number): string {
  return text.length <= limit ? text : `${text.slice(0, limit)}\n… (${(text.length - limit).toLocaleString('en-US')} more characters in the transcript)`
}
