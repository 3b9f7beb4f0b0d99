import type { PromptScoring } from '../coverage/prompt-scoring'
import crypto from 'node:crypto'
import fs from 'node:fs'
import type BetterSqlite3 from 'better-sqlite3'
import os from 'node:os'
import path from 'node:path'
import { Worker } from 'node:worker_threads'
import { packageRoot } from '../system/package-root'
import { readEventBatches, type EventBatch } from './event-batches'
import { EventProjector, type ProjectScope } from './event-projector'
import { keepSummariesCurrent } from '../insights/summary-upkeep'

export interface FileIngestResult {
  file: string
  events: number
  errors: number
  bytes: number
  /** The file was truncated or replaced since last time and was read again from the start. */
  restarted: boolean
}

/** Backlogs larger than this are parsed in a worker thread while this thread writes (tests lower it). */
const WORKER_THRESHOLD_BYTES = Number(process.env.SESSION_BUDDY_WORKER_THRESHOLD_BYTES ?? 8 * 1024 * 1024)
/** Where the OS has it, opening with O_NOFOLLOW refuses a symlink without an lstat first. */
const NO_FOLLOW = fs.constants.O_NOFOLLOW ?? 0

/**
 * Files with more than this to read are not read inside a caller's group transaction: one transaction
 * over a big backlog grows the write-ahead log by the whole backlog (twice as slow, measured).
 */
const SMALL_BACKLOG_BYTES = 1024 * 1024
const PARSE_WORKER = path.join(packageRoot(), 'out', 'main', 'parse-worker.js')
/**
 * From source (tests, scripts) there is no built worker: parse in this thread. With one core the worker
 * only adds work: on two it ingested 1M events 1.3x faster in wall time for 1.15x the CPU (npm run bench).
 */
const WORKER_AVAILABLE = !__filename.endsWith('.ts') && fs.existsSync(PARSE_WORKER) && os.availableParallelism() >= 2

interface FileState {
  offset: number
  line: number
  identity: string
}

interface SavedState extends FileState {
  size: number
  mtime_ms: number | null
}

interface OpenedFile {
  fd: number
  size: number
  changedMs: number
  state: FileState
  result: FileIngestResult
  saved: SavedState | undefined
  /** The file's first bytes, read for its fingerprint: a small new file needs no second read. */
  head: Buffer
  /** Inside a caller's group transaction: no savepoint and no summary upkeep per batch (the caller does both). */
  grouped: boolean
}

export type SavedFileState = Pick<SavedState, 'offset' | 'size' | 'mtime_ms' | 'identity'>

/**
 * Whether one stat shows a file with nothing new since it was last read to its end: same inode, same
 * size, same modification time. A file that passes is not opened at all (20,000 hook files are common).
 */
export function unchangedSinceRead(stat: fs.Stats, saved: SavedFileState): boolean {
  return stat.isFile() && saved.offset === stat.size && saved.size === stat.size && saved.mtime_ms === stat.mtimeMs && saved.identity.startsWith(`${stat.dev}:${stat.ino}:`)
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
  private readonly saveStat: BetterSqlite3.Statement

  constructor(
    private readonly sqlite: BetterSqlite3.Database,
    promptScoring?: PromptScoring,
  ) {
    this.projector = new EventProjector(sqlite, promptScoring)
    // Raw statements prepared once: ingest runs them per file and per batch at 100k+ events/s (measured hot path).
    this.getState = sqlite.prepare('select offset, line, identity, size, mtime_ms from ingest_files where path = ?')
    this.saveState = sqlite.prepare(`
      insert into ingest_files (project_id, path, kind, offset, line, size, mtime_ms, identity, updated_at)
      values (@project, @path, 'events', @offset, @line, @size, @mtime, @identity, @now)
      on conflict (path) do update set
        offset = excluded.offset, line = excluded.line, size = excluded.size, mtime_ms = excluded.mtime_ms, identity = excluded.identity, updated_at = excluded.updated_at,
        settled = 0`)
    this.saveStat = sqlite.prepare('update ingest_files set size = @size, mtime_ms = @mtime where path = @path')
    this.recordError = sqlite.prepare(`
      insert into ingest_errors (project_id, file_path, line, reason, excerpt, created_at) values (@project, @file, @line, @reason, @excerpt, @now)
      on conflict (file_path, line) do nothing`)
  }

  /** Reads what is new in `file`, in this thread. */
  ingest(file: string, project: ProjectScope): FileIngestResult {
    const opened = this.open(file, project)
    return opened ? this.readThenClose(file, project, opened) : emptyResult(file)
  }

  private readThenClose(file: string, project: ProjectScope, opened: OpenedFile): FileIngestResult {
    try {
      return this.readOpened(file, project, opened)
    } finally {
      fs.closeSync(opened.fd)
    }
  }

  private readOpened(file: string, project: ProjectScope, opened: OpenedFile): FileIngestResult {
    const { fd, size, changedMs, state, result, saved, head } = opened
    // The head buffer is shared: used here, before any other file is opened.
    const preread = state.offset === 0 && head.length === size ? head : undefined
    for (const batch of readEventBatches(fd, size, state.offset, state.line, preread)) this.commit(batch, opened, file, project)
    this.reportStalePartialLine(file, size, changedMs, state, project)
    // Nothing new, but the size and time a later scan compares against are kept current.
    if (saved && result.bytes === 0 && !result.restarted && (saved.size !== size || saved.mtime_ms !== changedMs)) this.saveStat.run({ path: file, size, mtime: changedMs })
    return result
  }

  /** A last line without its newline waits for it; one that has waited past the grace period is reported (once). */
  private reportStalePartialLine(file: string, size: number, changed: number, state: FileState, project: ProjectScope): void {
    if (state.offset >= size || Date.now() - changed < PARTIAL_LINE_GRACE_MS) return
    this.recordError.run({
      project: project.id,
      file,
      line: state.line + 1,
      reason: `a last line of ${size - state.offset} bytes has had no newline since ${new Date(changed).toISOString()}: its writer was probably stopped mid-line; the next event starts a new line`,
      excerpt: null,
      now: new Date().toISOString(),
    })
  }

  /**
   * For a caller that reads many files inside one transaction of its own: reads the file in this thread,
   * keeping rows cached from the files before it, unless its backlog is more than a small file's
   * (then nothing is read and 'large' is returned: read it with `ingestAsync`, in transactions of its own).
   */
  ingestAmongOthers(file: string, project: ProjectScope, options: { savepoint: boolean }): FileIngestResult | 'large' {
    const opened = this.open(file, project, { keepCache: true })
    if (!opened) return emptyResult(file)
    opened.grouped = !options.savepoint
    if (opened.size - opened.state.offset > SMALL_BACKLOG_BYTES) {
      fs.closeSync(opened.fd)
      return 'large'
    }
    return this.readThenClose(file, project, opened)
  }

  /** Rows may have changed or been rolled back since the last read: start with no cached sessions. */
  forgetCachedRows(): void {
    this.projector.resetCache()
  }

  /** Same as `ingest`, but a large backlog is parsed in a worker thread while this thread writes. */
  async ingestAsync(file: string, project: ProjectScope): Promise<FileIngestResult> {
    const opened = this.open(file, project)
    if (!opened) return emptyResult(file)
    const { size, changedMs, state, result } = opened
    if (!WORKER_AVAILABLE || size - state.offset < WORKER_THRESHOLD_BYTES) return this.readThenClose(file, project, opened)
    fs.closeSync(opened.fd)

    const inFlight = new Int32Array(new SharedArrayBuffer(4))
    const worker = new Worker(PARSE_WORKER, { workerData: { file, size, offset: state.offset, line: state.line, inFlight: inFlight.buffer } })
    try {
      await new Promise<void>((resolve, reject) => {
        worker.on('message', (message: { batch?: Omit<EventBatch, 'events' | 'texts'>; events?: string; done?: true; error?: string }) => {
          try {
            if (message.batch) {
              // Events were validated in the worker; this parse only rebuilds the objects.
              this.commit({ ...message.batch, texts: [], events: JSON.parse(message.events!) as EventBatch['events'] }, opened, file, project)
              Atomics.sub(inFlight, 0, 1)
              Atomics.notify(inFlight, 0)
            } else if (message.done) resolve()
            else reject(new Error(`Reading ${file} failed: ${message.error}`))
          } catch (error) {
            reject(error as Error)
          }
        })
        worker.on('error', reject)
        worker.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`The parse worker for ${file} stopped with code ${code}`))))
      })
    } finally {
      await worker.terminate()
    }
    this.reportStalePartialLine(file, size, changedMs, state, project)
    return result
  }

  private open(file: string, project: ProjectScope, options: { keepCache?: boolean } = {}): OpenedFile | null {
    // Rows may have changed since the last call (a project removed): start with no cached sessions.
    if (!options.keepCache) this.projector.resetCache()
    let fd: number
    try {
      // Only regular files: a symlink is never followed (it could point anywhere; O_NOFOLLOW refuses it
      // where it exists, an lstat first elsewhere), and a FIFO opened without O_NONBLOCK would wait for a
      // writer forever. The kind is checked on the open file (fstat below), one syscall less per file.
      if (!NO_FOLLOW) {
        const entry = fs.lstatSync(file)
        if (!entry.isFile()) return this.skip(file, project, `not a regular file (${kindOf(entry)}): skipped, nothing read`)
      }
      fd = fs.openSync(file, fs.constants.O_RDONLY | NO_FOLLOW | (fs.constants.O_NONBLOCK ?? 0))
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code
      if (code === 'ENOENT') return null
      if (code === 'ELOOP') return this.skip(file, project, 'not a regular file (a symbolic link): skipped, nothing read')
      return this.skip(file, project, `cannot be read (${code ?? (error as Error).message}): skipped`)
    }
    const stat = fs.fstatSync(fd)
    if (!stat.isFile()) {
      fs.closeSync(fd)
      return this.skip(file, project, `not a regular file (${kindOf(stat)}): skipped, nothing read`)
    }
    // The inode alone is no identity: a file deleted and made again can get the same one back.
    const head = readHead(fd)
    const identity = `${stat.dev}:${stat.ino}:${firstLineFingerprint(head)}`
    const saved = this.getState.get(file) as SavedState | undefined
    const result = emptyResult(file)
    let state: FileState = saved ? { offset: saved.offset, line: saved.line, identity: saved.identity } : { offset: 0, line: 0, identity }
    if (saved && (saved.identity !== identity || stat.size < saved.offset)) {
      // Replaced or truncated: read it again from the start. Rows are keyed by event ids, so
      // lines already stored are not counted twice.
      state = { offset: 0, line: 0, identity }
      result.restarted = true
    }
    return { fd, size: stat.size, changedMs: stat.mtimeMs, state, result, saved, head, grouped: false }
  }

  /**
   * Records a problem with a whole file (line 0, so it is recorded once, with no content from the file)
   * and skips it: one bad entry never stops the ingest of the others.
   */
  recordFileProblem(file: string, project: ProjectScope, reason: string): void {
    this.recordError.run({ project: project.id, file, line: 0, reason, excerpt: null, now: new Date().toISOString() })
  }

  private skip(file: string, project: ProjectScope, reason: string): null {
    this.recordFileProblem(file, project, reason)
    return null
  }

  /** One batch, its errors and the file's new offset in one transaction: the exactly-once step. */
  private commit(batch: EventBatch, opened: OpenedFile, file: string, project: ProjectScope): void {
    const { size, changedMs, state, result } = opened
    const now = new Date().toISOString()
    const apply = () => {
      this.projector.applyBatch(batch.events, project)
      for (const error of batch.errors) this.recordError.run({ project: project.id, file, ...error, now })
      this.saveState.run({ project: project.id, path: file, offset: batch.endOffset, line: batch.endLine, size, mtime: changedMs, identity: state.identity, now })
    }
    try {
      if (opened.grouped) apply()
      else this.sqlite.transaction(apply).immediate()
    } catch (error) {
      this.projector.resetCache()
      throw error
    }
    if (!opened.grouped) keepSummariesCurrent(this.sqlite)
    result.events += batch.events.length
    result.errors += batch.errors.length
    result.bytes += batch.endOffset - state.offset
    state.offset = batch.endOffset
    state.line = batch.endLine
  }
}

/** How long a partial last line may wait for its newline before it is reported. */
export const PARTIAL_LINE_GRACE_MS = 60_000

/** A short hash of the file's first line (up to 4 KB): with device and inode, what makes a file the same file. */
const headBuffer = Buffer.alloc(4096)
function readHead(fd: number): Buffer {
  return headBuffer.subarray(0, fs.readSync(fd, headBuffer, 0, headBuffer.length, 0))
}

function firstLineFingerprint(head: Buffer): string {
  const newline = head.indexOf(0x0a)
  return crypto.createHash('sha1').update(newline === -1 ? head : head.subarray(0, newline)).digest('hex').slice(0, 16)
}

function kindOf(stat: fs.Stats): string {
  if (stat.isDirectory()) return 'a folder'
  if (stat.isSymbolicLink()) return 'a symbolic link'
  if (stat.isFIFO()) return 'a FIFO'
  if (stat.isSocket()) return 'a socket'
  return 'a device'
}

function emptyResult(file: string): FileIngestResult {
  return { file, events: 0, errors: 0, bytes: 0, restarted: false }
}
