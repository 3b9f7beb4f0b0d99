import fs from 'node:fs'
import { parseEventLine, type SessionBuddyEvent } from '../events/event-schema'
import { errorExcerpt } from './error-excerpt'
import { LineSplitter } from './line-splitter'

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
/** Bytes of lines per batch: with lines near the cap, a batch stays small in memory too. */
const BYTES_PER_BATCH = 16 * 1024 * 1024
/** The longest event line read (documented in docs/event-format.md); a longer one is skipped and reported. */
export const MAX_EVENT_LINE_BYTES = 1024 * 1024

/**
 * Reads complete lines from `offset` to `size` and parses them. A last line without its newline is
 * left for the next read. A line over MAX_EVENT_LINE_BYTES is never held in memory: it is counted as it
 * streams past and reported with its size. Runs in the ingesting thread, or in a worker thread for large backlogs.
 */
export function* readEventBatches(fd: number, size: number, offset: number, line: number, preread?: Buffer): Generator<EventBatch> {
  const splitter = new LineSplitter(MAX_EVENT_LINE_BYTES, line)
  let batch: EventBatch = { events: [], texts: [], errors: [], endOffset: offset, endLine: line }
  let lines = 0
  let bytes = 0
  let position = offset
  // No bigger than what is left to read: most event files are a few hundred bytes, and there are thousands
  // (and those were usually read whole already, as `preread`: the bytes from `offset` on).
  const buffer = preread ?? Buffer.allocUnsafe(Math.max(1, Math.min(READ_CHUNK_BYTES, size - offset)))

  while (position < size) {
    const bytesRead = preread && position === offset ? preread.length : fs.readSync(fd, buffer, 0, Math.min(buffer.length, size - position), position)
    if (bytesRead === 0) break
    for (const cut of splitter.push(buffer.subarray(0, bytesRead), position)) {
      if (cut.kind === 'too-long') {
        batch.errors.push({ line: cut.line, reason: `a line of ${cut.bytes} bytes is over the ${MAX_EVENT_LINE_BYTES} byte limit for one event: skipped`, excerpt: '' })
        lines++
      } else {
        const text = cut.text.trim()
        if (text) {
          const parsed = parseEventLine(text)
          if (parsed.ok) {
            batch.events.push(parsed.event)
            // The line as validated; re-serialised only where the schema filled in a default.
            batch.texts.push(parsed.event.type === 'workflow.completed' ? JSON.stringify(parsed.event) : text)
          } else batch.errors.push({ line: cut.line, reason: parsed.reason, excerpt: errorExcerpt(text) })
          lines++
          bytes += cut.end - cut.start
        }
      }
      batch.endOffset = cut.end
      batch.endLine = cut.line
      if (lines >= LINES_PER_BATCH || bytes >= BYTES_PER_BATCH) {
        yield batch
        batch = { events: [], texts: [], errors: [], endOffset: cut.end, endLine: cut.line }
        lines = 0
        bytes = 0
      }
    }
    position += bytesRead
  }
  if (batch.endOffset > offset || lines > 0) yield batch
}
