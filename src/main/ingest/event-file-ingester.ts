import fs from 'node:fs'
import type BetterSqlite3 from 'better-sqlite3'
import { parseEventLine } from '../events/event-schema'
import { EventProjector, type ProjectScope } from './event-projector'

export interface FileIngestResult {
  file: string
  events: number
  errors: number
  bytes: number
  /** The file was truncated or replaced since last time and was read again from the start. */
  restarted: boolean
}

const READ_CHUNK_BYTES = 4 * 1024 * 1024
/** Lines per transaction: large enough for throughput, small enough that a kill loses little work. */
const LINES_PER_TRANSACTION = 20_000
const NEWLINE = 0x0a
const EXCERPT_CHARS = 200

interface FileState {
  offset: number
  line: number
  identity: string
}

/**
 * Reads new complete lines of one event-log file and stores them exactly once: the file's byte offset
 * is committed in the same transaction as the rows its lines produced, so a crash at any point resumes
 * from the last committed line. A partial last line waits for its newline. A bad line is recorded
 * (file, line, reason) and skipped; the good lines around it are stored.
 */
export class EventFileIngester {
  private readonly projector: EventProjector
  private readonly getState: BetterSqlite3.Statement
  private readonly saveState: BetterSqlite3.Statement
  private readonly recordError: BetterSqlite3.Statement

  constructor(private readonly sqlite: BetterSqlite3.Database) {
    this.projector = new EventProjector(sqlite)
    this.getState = sqlite.prepare('select offset, line, identity from ingest_files where path = ?')
    this.saveState = sqlite.prepare(`
      insert into ingest_files (project_id, path, kind, offset, line, size, identity, updated_at)
      values (@project, @path, 'events', @offset, @line, @size, @identity, @now)
      on conflict (path) do update set
        offset = excluded.offset, line = excluded.line, size = excluded.size, identity = excluded.identity, updated_at = excluded.updated_at`)
    this.recordError = sqlite.prepare(`
      insert into ingest_errors (project_id, file_path, line, reason, excerpt, created_at) values (@project, @file, @line, @reason, @excerpt, @now)
      on conflict (file_path, line) do nothing`)
  }

  ingest(file: string, project: ProjectScope): FileIngestResult {
    const result: FileIngestResult = { file, events: 0, errors: 0, bytes: 0, restarted: false }
    // Rows may have changed since the last call (a project removed): start with no cached sessions.
    this.projector.resetCache()
    let fd: number
    try {
      fd = fs.openSync(file, 'r')
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return result
      throw error
    }
    try {
      const stat = fs.fstatSync(fd)
      const identity = `${stat.dev}:${stat.ino}`
      const saved = this.getState.get(file) as FileState | undefined
      let state: FileState = saved ?? { offset: 0, line: 0, identity }
      if (saved && (saved.identity !== identity || stat.size < saved.offset)) {
        // Replaced or truncated: read it again from the start. Rows are keyed by event ids, so
        // lines already stored are not counted twice.
        state = { offset: 0, line: 0, identity }
        result.restarted = true
      }
      this.readNewLines(fd, stat.size, state, project, file, result)
    } finally {
      fs.closeSync(fd)
    }
    return result
  }

  private readNewLines(fd: number, size: number, state: FileState, project: ProjectScope, file: string, result: FileIngestResult): void {
    let pending: Array<{ text: string; line: number }> = []
    let committed = { ...state }
    let position = state.offset
    let lineNumber = state.line
    let carry = Buffer.alloc(0)
    const buffer = Buffer.allocUnsafe(READ_CHUNK_BYTES)

    const flush = (endOffset: number, endLine: number) => {
      const now = new Date().toISOString()
      const batch = pending
      pending = []
      const apply = this.sqlite.transaction(() => {
        for (const { text, line } of batch) {
          const parsed = parseEventLine(text)
          if (parsed.ok) {
            this.projector.apply(parsed.event, project)
            result.events++
          } else {
            this.recordError.run({ project: project.id, file, line, reason: parsed.reason, excerpt: text.slice(0, EXCERPT_CHARS), now })
            result.errors++
          }
        }
        this.saveState.run({ project: project.id, path: file, offset: endOffset, line: endLine, size, identity: state.identity, now })
      })
      try {
        apply()
      } catch (error) {
        this.projector.resetCache()
        throw error
      }
      result.bytes += endOffset - committed.offset
      committed = { offset: endOffset, line: endLine, identity: state.identity }
    }

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
        if (text) pending.push({ text, line: lineNumber })
        lineStart = newline + 1
        if (pending.length >= LINES_PER_TRANSACTION) flush(chunkStart + lineStart, lineNumber)
        newline = chunk.indexOf(NEWLINE, lineStart)
      }
      // The rest has no newline yet: keep it for the next chunk, or leave it for the next run.
      carry = Buffer.from(chunk.subarray(lineStart))
      if (pending.length > 0 || chunkStart + lineStart > committed.offset) flush(chunkStart + lineStart, lineNumber)
    }
  }
}
