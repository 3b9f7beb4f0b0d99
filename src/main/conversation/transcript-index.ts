import fs from 'node:fs'

/**
 * Where each conversation line (top-level type user or assistant) of a transcript file starts, with
 * its time, and where each tool call and tool result sits. Built in one pass over the bytes without
 * parsing JSON, so a 100 MB file is indexed in well under a second; kept per file until its size or
 * modification time changes.
 */
export interface TranscriptIndex {
  path: string
  size: number
  mtimeMs: number
  /** Byte offset and length of each conversation line. */
  starts: number[]
  lengths: number[]
  /** Epoch ms of each conversation line (NaN when it has none). */
  times: number[]
  /** tool_use id → the conversation line that makes the call. */
  callLine: Map<string, number>
  /** tool_use id → byte offset and length of the line that holds its result. */
  resultAt: Map<string, { start: number; length: number }>
}

const CHUNK = 8 * 1024 * 1024
/** Each key as Claude Code writes it, and as pretty-printed JSON (a space after ':' and ',') writes it. */
const both = (compact: string) => [Buffer.from(compact), Buffer.from(compact.replaceAll('":"', '": "').replaceAll('","', '", "'))]
const USER = both('"type":"user"')
const ASSISTANT = both('"type":"assistant"')
const TIMESTAMP = both('"timestamp":"')
const TOOL_USE = both('"type":"tool_use","id":"')
const TOOL_RESULT = both('"tool_use_id":"')
/** Progress lines carry a sub-agent's messages nested inside: none of it is this file's conversation. */
const PROGRESS = both('"type":"progress"')

const cache = new Map<string, TranscriptIndex>()
const CACHED_FILES = 8

export function transcriptIndex(file: string): TranscriptIndex {
  const stat = fs.statSync(file)
  const cached = cache.get(file)
  if (cached && cached.size === stat.size && cached.mtimeMs === stat.mtimeMs) return cached
  const index = build(file, stat.size, stat.mtimeMs)
  cache.delete(file)
  cache.set(file, index)
  if (cache.size > CACHED_FILES) cache.delete(cache.keys().next().value!)
  return index
}

function build(file: string, size: number, mtimeMs: number): TranscriptIndex {
  const index: TranscriptIndex = { path: file, size, mtimeMs, starts: [], lengths: [], times: [], callLine: new Map(), resultAt: new Map() }
  const fd = fs.openSync(file, 'r')
  try {
    let buffer = Buffer.alloc(CHUNK)
    /** Bytes of an unfinished line kept at the buffer's start; `base` is the file offset of buffer[0]. */
    let carry = 0
    let base = 0
    for (;;) {
      const read = fs.readSync(fd, buffer, carry, buffer.length - carry, base + carry)
      const end = carry + read
      const finder = new Finder(buffer, end)
      let lineStart = 0
      for (;;) {
        const newline = buffer.indexOf(10, lineStart)
        if (newline === -1 || newline >= end) break
        if (newline > lineStart) scanLine(index, buffer, finder, lineStart, newline, base)
        lineStart = newline + 1
      }
      if (read === 0) {
        // A last line without its newline.
        if (end > lineStart) scanLine(index, buffer, finder, lineStart, end, base)
        break
      }
      carry = end - lineStart
      if (carry === buffer.length) {
        // One line longer than the buffer: grow it.
        const bigger = Buffer.alloc(buffer.length * 2)
        buffer.copy(bigger, 0, 0, carry)
        buffer = bigger
      } else {
        buffer.copy(buffer, 0, lineStart, end)
        base += lineStart
      }
    }
  } finally {
    fs.closeSync(fd)
  }
  return index
}

function scanLine(index: TranscriptIndex, buffer: Buffer, finder: Finder, start: number, end: number, base: number): void {
  if (PROGRESS.some((p) => finder.within(p, start, end))) return
  for (const pattern of TOOL_RESULT) {
    for (let at = finder.next(pattern, start); at !== -1 && at < end; at = finder.next(pattern, at + 1)) {
      const id = stringAt(buffer, at + pattern.length, end)
      if (id) index.resultAt.set(id, { start: base + start, length: end - start })
    }
  }
  if (!USER.some((p) => finder.within(p, start, end)) && !ASSISTANT.some((p) => finder.within(p, start, end))) return
  const line = index.starts.length
  index.starts.push(base + start)
  index.lengths.push(end - start)
  const stamp = TIMESTAMP.find((p) => finder.within(p, start, end))
  const ts = stamp ? finder.next(stamp, start) + stamp.length : -1
  index.times.push(ts === -1 ? NaN : Date.parse(buffer.toString('latin1', ts, Math.min(end, ts + 40)).split('"')[0]!))
  for (const pattern of TOOL_USE) {
    for (let at = finder.next(pattern, start); at !== -1 && at < end; at = finder.next(pattern, at + 1)) {
      const id = stringAt(buffer, at + pattern.length, end)
      if (id && !index.callLine.has(id)) index.callLine.set(id, line)
    }
  }
}

/** The JSON string starting at `from` (ids hold no escapes). */
function stringAt(buffer: Buffer, from: number, end: number): string | null {
  const close = buffer.indexOf(34, from)
  return close === -1 || close > end || close - from > 300 ? null : buffer.toString('latin1', from, close)
}

/**
 * Next occurrence of a pattern at or after a position, remembering the last answer per pattern: a
 * pattern found far ahead is not searched for again on every line before it (linear, not quadratic).
 */
class Finder {
  private readonly found = new Map<Buffer, { from: number; at: number }>()
  constructor(
    private readonly buffer: Buffer,
    private readonly end: number,
  ) {}

  within(pattern: Buffer, start: number, end: number): boolean {
    const at = this.next(pattern, start)
    return at !== -1 && at < end
  }

  next(pattern: Buffer, from: number): number {
    const last = this.found.get(pattern)
    if (last && last.from <= from && (last.at === -1 || last.at >= from)) return last.at
    const at = this.buffer.indexOf(pattern, from)
    const result = at === -1 || at + pattern.length > this.end ? -1 : at
    this.found.set(pattern, { from, at: result })
    return result
  }
}
