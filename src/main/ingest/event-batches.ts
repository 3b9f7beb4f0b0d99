import fs from 'node:fs'
import { parseEventLine, type SessionBuddyEvent } from '../events/event-schema'
import { errorExcerpt } from './error-excerpt'

/** Parsed lines of one stretch of an event-log file, ending at a line boundary. */
export interface EventBatch {
  events: SessionBuddyEvent[]
  /** Each event's line as JSON text, for passing between threads (parallel to `events`). */
  texts: string[]
  errors: Array<{ line: number; reason: string; excerpt: string }>
  /** Byte offset and line number just after the batch's last complete line. */
  endOffset: number
  endLine: number
}

const READ_CHUNK_BYTES = 4 * 1024 * 1024
/** Lines per batch (and transaction): large enough for throughput, small enough that a kill loses little work. */
export const LINES_PER_BATCH = 20_000
const NEWLINE = 0x0a

/**
 * Reads complete lines from `offset` to `size` and parses them. A last line without its newline is
 * left for the next read. Runs in the ingesting thread, or in a worker thread for large backlogs.
 */
export function* readEventBatches(fd: number, size: number, offset: number, line: number): Generator<EventBatch> {
  let batch: EventBatch = { events: [], texts: [], errors: [], endOffset: offset, endLine: line }
  let lines = 0
  let position = offset
  let lineNumber = line
  let carry = Buffer.alloc(0)
  const buffer = Buffer.allocUnsafe(READ_CHUNK_BYTES)
  const fresh = (endOffset: number): EventBatch => ({ events: [], texts: [], errors: [], endOffset, endLine: lineNumber })

  while (position < size) {
    const bytesRead = fs.readSync(fd, buffer, 0, Math.min(READ_CHUNK_BYTES, size - position), position)
    if (bytesRead === 0) break
    const chunk = carry.length ? Buffer.concat([carry, buffer.subarray(0, bytesRead)]) : buffer.subarray(0, bytesRead)
    const chunkStart = position - carry.length
    position += bytesRead
    let lineStart = 0
    let newline = chunk.indexOf(NEWLINE, lineStart)
    while (newline !== -1) {
      lineNumber++
      const text = chunk.toString('utf8', lineStart, newline).trim()
      lineStart = newline + 1
      if (text) {
        const parsed = parseEventLine(text)
        if (parsed.ok) {
          batch.events.push(parsed.event)
          // The line as validated; re-serialised only where the schema filled in a default.
          batch.texts.push(parsed.event.type === 'workflow.completed' ? JSON.stringify(parsed.event) : text)
        }
        else batch.errors.push({ line: lineNumber, reason: parsed.reason, excerpt: errorExcerpt(text) })
        lines++
      }
      batch.endOffset = chunkStart + lineStart
      batch.endLine = lineNumber
      if (lines >= LINES_PER_BATCH) {
        yield batch
        batch = fresh(batch.endOffset)
        lines = 0
      }
      newline = chunk.indexOf(NEWLINE, lineStart)
    }
    // The rest has no newline yet: keep it for the next chunk, or leave it for the next run.
    carry = Buffer.from(chunk.subarray(lineStart))
  }
  if (batch.endOffset > offset || lines > 0) yield batch
}
