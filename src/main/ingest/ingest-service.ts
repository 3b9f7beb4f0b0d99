import fs from 'node:fs'
import path from 'node:path'
import type BetterSqlite3 from 'better-sqlite3'
import { watch, type FSWatcher } from 'chokidar'
import { bareEvidence } from '../outcomes/outcome-rules'
import type { ChangeBus } from '../api/change-bus'
import { eventsDir, listEventFiles } from '../events/event-log-paths'
import { EventFileIngester, type FileIngestResult } from './event-file-ingester'
import { execute, query } from '../storage/typed-query'
import { trackedProjects, type TrackedProject } from '../projects/tracked-projects'

export interface IngestSummary {
  files: number
  events: number
  errors: number
  bytes: number
  abandoned: number
}

export const DEFAULT_ABANDON_AFTER_MS = 2 * 60 * 60 * 1000
const WATCH_DEBOUNCE_MS = 50
/** Back-off while another process holds the write lock: 1 s, 2 s, 4 s … up to 30 s. */
const LOCK_RETRY_FIRST_MS = 1000
const LOCK_RETRY_MAX_MS = 30_000

/**
 * Keeps the database in step with the event logs of tracked projects: a catch-up scan at start,
 * then a watcher that ingests each file's new lines as they are appended. Only registered projects
 * with tracking switched on are read.
 */
export class IngestService {
  private readonly ingester: EventFileIngester
  private watcher: FSWatcher | undefined
  private readonly watchedDirs = new Set<string>()
  private readonly dirty = new Set<string>()
  /** Files waiting for another process to release the write lock, and how often they have tried. */
  private readonly lockWaits = new Map<string, number>()
  private timer: NodeJS.Timeout | undefined
  private readonly abandonAfterMs: number
  private queue: Promise<unknown> = Promise.resolve()

  constructor(
    private readonly sqlite: BetterSqlite3.Database,
    private readonly changes: ChangeBus,
    options: { abandonAfterMs?: number } = {},
  ) {
    this.ingester = new EventFileIngester(sqlite)
    this.abandonAfterMs = options.abandonAfterMs ?? DEFAULT_ABANDON_AFTER_MS
  }

  /** Reads everything new in every tracked project (or one project). */
  catchUp(projectId?: number): Promise<IngestSummary> {
    return this.serially(async () => {
      const summary: IngestSummary = { files: 0, events: 0, errors: 0, bytes: 0, abandoned: 0 }
      for (const project of this.trackedProjects(projectId)) {
        for (const file of listEventFiles(project.path)) add(summary, await this.ingestIsolated(file, project))
      }
      summary.abandoned = this.sweepWhenUnlocked()
      this.announce(summary)
      return summary
    })
  }

  /** Runs other work (a rebuild) in the ingest queue: no ingest runs while it does. */
  exclusively<T>(work: () => Promise<T>): Promise<T> {
    return this.serially(work)
  }

  /** One ingest at a time: the watcher, catch-ups and API calls never read the same file at once. */
  private serially<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work)
    this.queue = run.catch(() => undefined)
    return run
  }

  /**
   * Running invocations older than the timeout become abandoned, as their completer never came. Their
   * end is not known, so they get no end time and no duration (and stay out of every percentile); an
   * outcome that arrives later still replaces this inference.
   */
  sweepAbandoned(now = Date.now()): number {
    const cutoff = new Date(now - this.abandonAfterMs).toISOString()
    return execute(
      this.sqlite,
      query
        .updateTable('skill_invocations')
        .set({ status: 'abandoned', ended_at: null, duration_ms: null, outcome_source: 'inferred', evidence: TIMEOUT_EVIDENCE })
        .where('status', '=', 'running')
        .where('started_at', '<', cutoff),
    )
  }

  /**
   * One file; whatever goes wrong with it is recorded against it, and the others go on. When another
   * process holds the database's write lock past the busy timeout, nothing is lost (the offset did not
   * move): the file is read again after a back-off, and the wait is logged.
   */
  private async ingestIsolated(file: string, project: TrackedProject): Promise<FileIngestResult> {
    try {
      const result = await this.ingester.ingestAsync(file, project)
      this.lockWaits.delete(file)
      return result
    } catch (error) {
      if (!this.sqlite.open) throw error
      if ((error as { code?: string }).code === 'SQLITE_BUSY') {
        const attempt = (this.lockWaits.get(file) ?? 0) + 1
        this.lockWaits.set(file, attempt)
        const delay = Math.min(LOCK_RETRY_MAX_MS, LOCK_RETRY_FIRST_MS * 2 ** (attempt - 1))
        process.stderr.write(`session-buddy: the database is locked by another process; reading ${file} again in ${delay} ms (attempt ${attempt})\n`)
        setTimeout(() => this.schedule(file), delay).unref()
        return { file, events: 0, errors: 0, bytes: 0, restarted: false }
      }
      this.ingester.recordFileProblem(file, project, `not read: ${(error as Error).message}`)
      return { file, events: 0, errors: 1, bytes: 0, restarted: false }
    }
  }

  /** The sweep waits for its next turn while another process holds the write lock. */
  private sweepWhenUnlocked(): number {
    try {
      return this.sweepAbandoned()
    } catch (error) {
      if ((error as { code?: string }).code === 'SQLITE_BUSY') return 0
      throw error
    }
  }

  /** Watches every tracked project's event folder, then catches up on what was written before. */
  async startWatching(): Promise<void> {
    const dirs = this.trackedProjects().flatMap((p) => this.prepareEventsDir(p) ?? [])
    this.watcher = watch(dirs, { ignoreInitial: true, depth: 0 })
    this.watcher.on('add', (file) => this.schedule(file))
    this.watcher.on('change', (file) => this.schedule(file))
    // chokidar says "ready" only once it watches something.
    if (dirs.length > 0) await new Promise<void>((resolve) => this.watcher!.once('ready', () => resolve()))
    for (const dir of dirs) this.watchedDirs.add(dir)
    await this.catchUp()
  }

  /** Follows project changes: watches newly tracked projects (and catches up on them), drops the others. */
  refreshWatches(): void {
    if (!this.watcher) return
    const tracked = this.trackedProjects()
    const wanted = new Set(tracked.map((p) => eventsDir(p.path)))
    for (const dir of this.watchedDirs) {
      if (!wanted.has(dir)) {
        this.watcher.unwatch(dir)
        this.watchedDirs.delete(dir)
      }
    }
    for (const project of tracked) {
      const dir = eventsDir(project.path)
      if (this.watchedDirs.has(dir)) continue
      if (!this.prepareEventsDir(project)) continue
      this.watcher.add(dir)
      this.watchedDirs.add(dir)
      void this.catchUp(project.id)
    }
  }

  /**
   * The events folder is created if missing, so the first event a project ever writes is seen. A project
   * folder that is gone is never re-created, and one that cannot be written to is reported: either way
   * that project is skipped and every other one goes on.
   */
  private prepareEventsDir(project: TrackedProject): string | null {
    const dir = eventsDir(project.path)
    if (!fs.existsSync(project.path)) {
      this.ingester.recordFileProblem(project.path, project, 'the project folder is gone: its events are not followed until it is back')
      this.changes.publish('ingest', 'projects')
      return null
    }
    try {
      fs.mkdirSync(dir, { recursive: true })
      return dir
    } catch (error) {
      this.ingester.recordFileProblem(dir, project, `the events folder cannot be created (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}): events are not followed`)
      this.changes.publish('ingest', 'projects')
      return null
    }
  }

  async stop(): Promise<void> {
    clearTimeout(this.timer)
    await this.queue
    await this.watcher?.close()
    this.watcher = undefined
    this.watchedDirs.clear()
  }

  private schedule(file: string): void {
    if (!file.endsWith('.jsonl') || !this.sqlite.open) return
    this.dirty.add(file)
    clearTimeout(this.timer)
    this.timer = setTimeout(() => this.drain(), WATCH_DEBOUNCE_MS)
  }

  private drain(): void {
    void this.serially(async () => {
      const files = [...this.dirty]
      this.dirty.clear()
      const projects = this.trackedProjects()
      const summary: IngestSummary = { files: 0, events: 0, errors: 0, bytes: 0, abandoned: 0 }
      for (const file of files) {
        const project = projects.find((p) => path.dirname(file) === eventsDir(p.path))
        if (project) add(summary, await this.ingestIsolated(file, project))
      }
      this.announce(summary)
    })
  }

  private announce(summary: IngestSummary): void {
    if (summary.events > 0 || summary.abandoned > 0) this.changes.publish('sessions', 'skills', 'projects')
    if (summary.errors > 0) this.changes.publish('ingest', 'projects')
  }

  private trackedProjects(projectId?: number): TrackedProject[] {
    return trackedProjects(this.sqlite, projectId)
  }
}


function add(summary: IngestSummary, file: FileIngestResult): void {
  summary.files++
  summary.events += file.events
  summary.errors += file.errors
  summary.bytes += file.bytes
}

const TIMEOUT_EVIDENCE = JSON.stringify(bareEvidence('timeout'))
