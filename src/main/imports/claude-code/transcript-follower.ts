import type { PromptScoring } from '../../coverage/prompt-scoring'
import fs from 'node:fs'
import path from 'node:path'
import type BetterSqlite3 from 'better-sqlite3'
import { watch, type FSWatcher } from 'chokidar'
import type { ChangeBus } from '../../api/change-bus'
import { OUTCOME_RULES } from '../../outcomes/outcome-rules'
import { findTranscriptFiles } from './transcript-files'
import { importTranscripts, type TranscriptReaderState } from './transcript-importer'
import { all, query } from '../../storage/typed-query'

/** Lines written in a burst are read together; well under the 1 s from a new line to the open UI. */
const FOLLOW_DEBOUNCE_MS = 50
/** How often transcripts that went quiet with runs still open are looked at again (to settle them). */
const QUIET_CHECK_MS = 10 * 60_000

/**
 * Claude Code names a project's transcript folder after its path with every character other than a
 * letter or digit turned into "-". The name cannot be decoded, but a registered folder can be encoded:
 * transcript folders that start with it may hold its sessions (or its subfolders'); others are skipped
 * unread. The sessions themselves are still placed by each line's `cwd`.
 */
export function transcriptFolderPrefix(projectPath: string): string {
  return projectPath.replace(/[^a-zA-Z0-9]/g, '-')
}

/**
 * Follows the Claude Code transcripts of tracked projects as they are written, so sessions show up
 * live without hooks: each appended line is read once (the import's offsets, and readers kept in
 * memory between reads), and every change is announced to the UI. Idle costs nothing: chokidar
 * waits on the OS's file events, and the only timer runs every ten minutes.
 */
export class TranscriptFollower {
  private watcher: FSWatcher | undefined
  private readonly readers = new Map<string, TranscriptReaderState>()
  private readonly pending = new Set<string>()
  private timer: NodeJS.Timeout | undefined
  private quietTimer: NodeJS.Timeout | undefined
  private queue: Promise<unknown> = Promise.resolve()
  private prefixes: string[] = []
  private readonly watchedRoots = new Set<string>()

  constructor(
    private readonly sqlite: BetterSqlite3.Database,
    private readonly changes: ChangeBus,
    private readonly roots: string[],
    private readonly now: () => number = Date.now,
    private readonly promptScoring?: PromptScoring,
  ) {}

  /** Watches the transcript roots and reads what tracked projects' transcripts gained since last time. */
  async start(): Promise<void> {
    this.refreshProjects()
    const roots = this.roots.filter((root) => fs.existsSync(root))
    this.watcher = watch(roots, { ignoreInitial: true, depth: 3, ignored: (file, stats) => Boolean(stats?.isFile() && !file.endsWith('.jsonl')) })
    this.watcher.on('add', (file) => this.schedule(file))
    this.watcher.on('change', (file) => this.schedule(file))
    if (roots.length > 0) await new Promise<void>((resolve) => this.watcher!.once('ready', () => resolve()))
    for (const root of roots) this.watchedRoots.add(root)
    await this.catchUp()
    this.quietTimer = setInterval(() => void this.settleQuiet(), QUIET_CHECK_MS)
    this.quietTimer.unref()
  }

  /** Projects were registered, removed or switched: follow the new set and read what is new for it. */
  async projectsChanged(): Promise<void> {
    if (!this.watcher) return
    this.refreshProjects()
    // A transcript folder that did not exist at start (Claude Code installed or first run since) is followed from now on.
    for (const root of this.roots) {
      if (this.watchedRoots.has(root) || !fs.existsSync(root)) continue
      this.watcher.add(root)
      this.watchedRoots.add(root)
    }
    await this.catchUp()
  }

  async stop(): Promise<void> {
    clearTimeout(this.timer)
    clearInterval(this.quietTimer)
    await this.watcher?.close()
    this.watcher = undefined
    await this.queue.catch(() => undefined)
  }

  /** Reads every candidate transcript from its saved offset (resolves when done). */
  catchUp(): Promise<void> {
    return this.read(findTranscriptFiles(this.roots.filter((root) => fs.existsSync(root))).filter((file) => this.isCandidate(file)))
  }

  private refreshProjects(): void {
    const paths = all(this.sqlite, query.selectFrom('projects').select('path').where('track', '=', 1)).map((p) => p.path)
    this.prefixes = paths.map(transcriptFolderPrefix)
  }

  private isCandidate(file: string): boolean {
    const root = this.roots.find((r) => file.startsWith(r + path.sep))
    if (!root) return false
    const folder = path.relative(root, file).split(path.sep)[0] ?? ''
    return this.prefixes.some((prefix) => folder.startsWith(prefix))
  }

  private schedule(file: string): void {
    if (!file.endsWith('.jsonl') || !this.isCandidate(file)) return
    this.pending.add(file)
    clearTimeout(this.timer)
    this.timer = setTimeout(() => {
      const files = [...this.pending]
      this.pending.clear()
      void this.read(files)
    }, FOLLOW_DEBOUNCE_MS)
  }

  /** Transcripts with runs still open that have gone quiet long enough: read again, so their runs settle. */
  private settleQuiet(): Promise<void> {
    const quiet = [...this.readers.entries()]
      .filter(([file, reader]) => reader.translator.resumePoint() !== null && fs.existsSync(file) && this.now() - fs.statSync(file).mtimeMs >= OUTCOME_RULES.sessionIdleEndMs)
      .map(([file]) => file)
    return this.read(quiet)
  }

  private read(files: string[]): Promise<void> {
    if (files.length === 0) return Promise.resolve()
    const run = this.queue.then(async () => {
      try {
        const report = await importTranscripts(this.sqlite, { roots: files, readers: this.readers, now: this.now, promptScoring: this.promptScoring })
        if (report.invocationsFound + report.sessions > 0 || report.bytes > 0) this.changes.publish('sessions', 'skills')
      } catch (error) {
        if (this.sqlite.open) process.stderr.write(`session-buddy: transcripts not read: ${(error as Error).message}\n`)
      }
    })
    this.queue = run
    return run
  }
}
