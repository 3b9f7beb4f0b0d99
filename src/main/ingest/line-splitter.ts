/** One line cut from a stream: its text, or only its size when it was longer than the cap. */
export type SplitLine =
  | { kind: 'line'; text: string; line: number; start: number; end: number }
  | { kind: 'too-long'; bytes: number; line: number; start: number; end: number }

const NEWLINE = 0x0a

/**
 * Cuts a stream of chunks into lines with bounded memory: a line longer than `maxLineBytes` is not kept
 * while it streams past (only its size is counted) and comes out as `too-long`. Offsets are absolute
 * byte positions; `end` is just after the line's newline. A last line without its newline stays pending.
 */
export class LineSplitter {
  private pieces: Buffer[] = []
  private pieceBytes = 0
  private skipping = false
  private skippedBytes = 0

  constructor(
    readonly maxLineBytes: number,
    /** Lines completed before the first chunk (line numbers continue from it). */
    public line = 0,
  ) {}

  /** Bytes of the unfinished last line seen so far. */
  get pendingBytes(): number {
    return this.skipping ? this.skippedBytes : this.pieceBytes
  }

  *push(chunk: Buffer, chunkStart: number): Generator<SplitLine> {
    let start = 0
    let newline = chunk.indexOf(NEWLINE, start)
    while (newline !== -1) {
      const held = this.pendingBytes
      const bytes = held + (newline - start)
      const lineStart = chunkStart + start - held
      const end = chunkStart + newline + 1
      this.line++
      if (this.skipping || bytes > this.maxLineBytes) {
        yield { kind: 'too-long', bytes, line: this.line, start: lineStart, end }
      } else {
        const text = this.pieces.length ? Buffer.concat([...this.pieces, chunk.subarray(start, newline)]).toString('utf8') : chunk.toString('utf8', start, newline)
        yield { kind: 'line', text, line: this.line, start: lineStart, end }
      }
      this.pieces = []
      this.pieceBytes = 0
      this.skipping = false
      this.skippedBytes = 0
      start = newline + 1
      newline = chunk.indexOf(NEWLINE, start)
    }
    const rest = chunk.length - start
    if (rest === 0) return
    if (this.skipping) this.skippedBytes += rest
    else if (this.pieceBytes + rest > this.maxLineBytes) {
      // Over the cap before its end: stop keeping it, count it.
      this.skipping = true
      this.skippedBytes = this.pieceBytes + rest
      this.pieces = []
      this.pieceBytes = 0
    } else {
      // A copy: the caller may reuse the chunk's buffer for the next read.
      this.pieces.push(Buffer.from(chunk.subarray(start)))
      this.pieceBytes += rest
    }
  }
}
