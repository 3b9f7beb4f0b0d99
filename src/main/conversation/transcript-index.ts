import fs from 'node:fs'

/**
 * Where each conversation line (top-level type user or assistant) of a transcript file starts, with
 * its time, and where each tool call and tool result sits. Built without parsing JSON, by scanning
 * the bytes a chunk at a time and only as far as a request needs: the first screen of a 100 MB file
 * reads its first chunk, not the whole file. Kept per file until its size or modification time changes.
 */
export interface TranscriptIndex {
  path: string
  size: number
  mtimeMs: number
  /** Byte offset and length of each conversation line found so far. */
  starts: number[]
  lengths: number[]
  /** Epoch ms of each conversation line (NaN when it has none). */
  times: number[]
  /** tool_use id → the conversation line that makes the call. */
  callLine: Map<string, number>
  /** tool_use id → byte offset and length of the line that holds its result. */
  resultAt: Map<string, { start: number; length: number }>
  /** Where scanning goes on from (the start of a line); the whole file is indexed once it reaches `size`. */
  scannedTo: number
  complete: boolean
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

/** The file's index, scanned at least until `until` says it has enough (or to the end without one). */
export function transcriptIndex(file: string, until: (index: TranscriptIndex) => boolean = () => false): TranscriptIndex {
  const stat = fs.statSync(file)
  let index = cache.get(file)
  if (!index || index.size !== stat.size || index.mtimeMs !== stat.mtimeMs) {
    index = { path: file, size: stat.size, mtimeMs: stat.mtimeMs, starts: [], lengths: [], times: [], callLine: new Map(), resultAt: new Map(), scannedTo: 0, complete: stat.size === 0 }
  }
  cache.delete(file)
  cache.set(file, index)
  if (cache.size > CACHED_FILES) cache.delete(cache.keys().next().value!)
  scan(index, until)
  return index
}

function scan(index: TranscriptIndex, until: (index: TranscriptIndex) => boolean): void {
  if (index.complete || until(index)) return
  const fd = fs.openSync(index.path, 'r')
  try {
    let buffer = Buffer.alloc(Math.min(CHUNK, Math.max(1, index.size - index.scannedTo)))
    while (!index.complete && !until(index)) {
      const base = index.scannedTo
      const read = fs.readSync(fd, buffer, 0, buffer.length, base)
      const atEnd = base + read >= index.size
      const finder = new Finder(buffer, read)
      let lineStart = 0
      for (;;) {
        const newline = buffer.indexOf(10, lineStart)
        if (newline === -1 || newline >= read) break
        if (newline > lineStart) scanLine(index, buffer, finder, lineStart, newline, base)
        lineStart = newline + 1
      }
      if (atEnd) {
        // A last line without its newline.
        if (read > lineStart) scanLine(index, buffer, finder, lineStart, read, base)
        index.scannedTo = index.size
        index.complete = true
      } else if (lineStart === 0) {
        // One line longer than the buffer: read it again with a bigger one.
        buffer = Buffer.alloc(buffer.length * 2)
      } else {
        index.scannedTo = base + lineStart
      }
    }
  } finally {
    fs.closeSync(fd)
  }
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
