/** One line cut from a stream: its text, or only its size (and its ends, when asked) when it was longer than the cap. */
export type SplitLine =
  | { kind: 'line'; text: string; line: number; start: number; end: number }
  | { kind: 'too-long'; bytes: number; line: number; start: number; end: number; head: Buffer; tail: Buffer }

const NEWLINE = 0x0a
const EMPTY = Buffer.alloc(0)

/**
 * Cuts a stream of chunks into lines with bounded memory: a line longer than `maxLineBytes` is not kept
 * while it streams past (only its size is counted, and its first and last `endBytes` when asked) and
 * comes out as `too-long`. Offsets are absolute byte positions; `end` is just after the line's newline.
 * A last line without its newline stays pending.
 */
export class LineSplitter {
  private pieces: Buffer[] = []
  private pieceBytes = 0
  private skipping = false
  private skippedBytes = 0
  private skippedHead: Buffer = EMPTY
  private skippedTail: Buffer = EMPTY

  constructor(
    readonly maxLineBytes: number,
    /** Lines completed before the first chunk (line numbers continue from it). */
    public line = 0,
    /** How much of each end of a too-long line to keep (e.g. to find a message id in it). */
    private readonly endBytes = 0,
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
        const rest = chunk.subarray(start, newline)
        if (!this.skipping) this.startSkipping(rest)
        this.keepTail(rest)
        yield { kind: 'too-long', bytes, line: this.line, start: lineStart, end, head: this.skippedHead, tail: this.skippedTail }
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
    const rest = chunk.subarray(start)
    if (rest.length === 0) return
    if (this.skipping) {
      this.skippedBytes += rest.length
      this.keepTail(rest)
    } else if (this.pieceBytes + rest.length > this.maxLineBytes) {
      // Over the cap before its end: stop keeping it, count it.
      this.startSkipping(rest)
      this.skippedBytes += rest.length
      this.keepTail(rest)
    } else {
      // A copy: the caller may reuse the chunk's buffer for the next read.
      this.pieces.push(Buffer.from(rest))
      this.pieceBytes += rest.length
    }
  }

  /** From here the line is only counted; what was held of it becomes its head (and the start of its tail). */
  private startSkipping(more: Buffer): void {
    this.skipping = true
    this.skippedBytes = this.pieceBytes
    if (this.endBytes > 0) {
      const held = Buffer.concat(this.pieces)
      this.skippedHead = Buffer.from(Buffer.concat([held, more.subarray(0, this.endBytes)]).subarray(0, this.endBytes))
      this.skippedTail = Buffer.from(held.subarray(Math.max(0, held.length - this.endBytes)))
    }
    this.pieces = []
    this.pieceBytes = 0
  }

  private keepTail(more: Buffer): void {
    if (this.endBytes === 0) return
    const joined = more.length >= this.endBytes ? more : Buffer.concat([this.skippedTail, more])
    this.skippedTail = Buffer.from(joined.subarray(Math.max(0, joined.length - this.endBytes)))
  }
}
