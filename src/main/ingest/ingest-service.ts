import type { PromptScoring } from '../coverage/prompt-scoring'
import fs from 'node:fs'
import path from 'node:path'
import type BetterSqlite3 from 'better-sqlite3'
import { bareEvidence } from '../outcomes/outcome-rules'
import type { ChangeBus } from '../api/change-bus'
import { eventsDir, listEventFiles, namedBefore, settledBefore } from '../events/event-log-paths'
import { EventFileIngester, unchangedSinceRead, type FileIngestResult, type SavedFileState } from './event-file-ingester'
import { execute, query } from '../storage/typed-query'
import { keepSummariesCurrent } from '../insights/summary-upkeep'
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
/** How long one group of small files may hold the event loop (and the write lock) during a catch-up. */
const GROUP_BUDGET_MS = 100
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
  /** One directory watch per tracked project's events folder; null until watching starts. */
  private watchers: Map<string, fs.FSWatcher> | null = null
  private readonly dirty = new Set<string>()
  /** Files waiting for another process to release the write lock, and how often they have tried. */
  private readonly lockWaits = new Map<string, number>()
  private timer: NodeJS.Timeout | undefined
  private readonly abandonAfterMs: number
  private queue: Promise<unknown> = Promise.resolve()
  private readonly statesOfProject: BetterSqlite3.Statement
  private readonly settledOfProject: BetterSqlite3.Statement
  private readonly markSettled: BetterSqlite3.Statement

  constructor(
    private readonly sqlite: BetterSqlite3.Database,
    private readonly changes: ChangeBus,
    options: { abandonAfterMs?: number; promptScoring?: PromptScoring } = {},
  ) {
    this.ingester = new EventFileIngester(sqlite, options.promptScoring)
    // Raw: it returns a row per event file, 20,000 and more for a busy project, on every catch-up.
    this.statesOfProject = sqlite.prepare("select path, offset, size, mtime_ms, identity from ingest_files where project_id = ? and kind = 'events' and settled = 0").raw()
    this.settledOfProject = sqlite.prepare("select path from ingest_files where project_id = ? and kind = 'events' and settled = 1").pluck()
    this.markSettled = sqlite.prepare('update ingest_files set settled = 1 where path in (select value from json_each(?))')
    this.abandonAfterMs = options.abandonAfterMs ?? DEFAULT_ABANDON_AFTER_MS
  }

  /** Reads everything new in every tracked project (or one project). */
  catchUp(projectId?: number): Promise<IngestSummary> {
    return this.serially(async () => {
      const summary: IngestSummary = { files: 0, events: 0, errors: 0, bytes: 0, abandoned: 0 }
      const cutoff = settledBefore()
      for (const project of this.trackedProjects(projectId)) {
        // Settled files (named for a past day, read to their end) are not even stat'ed: a project
        // collects one file per hook process, 20,000 and more.
        const settled = new Set(this.settledOfProject.all(project.id) as string[])
        const saved = this.savedStates(project.id)
        const nowSettled: string[] = []
        const changed = listEventFiles(project.path).filter((file) => {
          if (settled.has(file)) return false
          const state = saved.get(file)
          const stat = state && fs.lstatSync(file, { throwIfNoEntry: false, bigint: false })
          const unchanged = stat && unchangedSinceRead(stat, state)
          if (unchanged && namedBefore(file, cutoff)) nowSettled.push(file)
          return !unchanged
        })
        this.settle(nowSettled)
        await this.ingestInGroups(changed, project, summary)
      }
      summary.abandoned = this.sweepWhenUnlocked()
      this.announce(summary)
      return summary
    })
  }

  /** Marks files settled; when another process holds the write lock, the next catch-up tries again. */
  private settle(files: string[]): void {
    if (files.length === 0) return
    try {
      this.markSettled.run(JSON.stringify(files))
    } catch (error) {
      if (!isBusy(error)) throw error
    }
  }

  /** What was last read of each of a project's unsettled event files, in one query (a scan of 20,000 files stats each once). */
  private savedStates(projectId: number): Map<string, SavedFileState> {
    const states = new Map<string, SavedFileState>()
    for (const [path, offset, size, mtime_ms, identity] of this.statesOfProject.iterate(projectId) as Iterable<[string, number, number, number | null, string]>) {
      states.set(path, { offset, size, mtime_ms, identity })
    }
    return states
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
      if (isBusy(error)) {
        this.retryWhenUnlocked([file])
        return { file, events: 0, errors: 0, bytes: 0, restarted: false }
      }
      this.ingester.recordFileProblem(file, project, `not read: ${(error as Error).message}`)
      return { file, events: 0, errors: 1, bytes: 0, restarted: false }
    }
  }

  /**
   * Many small files (one per hook process) are read a group at a time, each group in one transaction:
   * one commit per group instead of one per file, which was most of the time of a first catch-up. A group
   * stops after GROUP_BUDGET_MS so the event loop is never held long; large backlogs go their own way.
   * A group is first read without a savepoint per file (those cost a third of a many-file ingest); if a
   * file fails, the group is rolled back and read again with one savepoint per file, so the failure is
   * recorded against that file alone and the others are kept.
   */
  private async ingestInGroups(files: string[], project: TrackedProject, summary: IngestSummary): Promise<void> {
    let next = 0
    while (next < files.length) {
      const first = next
      let end = files.length
      let large: string[] = []
      let group: IngestSummary | null = null
      try {
        for (const savepoint of [false, true]) {
          const attempt = this.readGroup(files, first, end, project, savepoint)
          if ('failedBefore' in attempt) {
            end = attempt.failedBefore
            continue
          }
          ;({ group, large, end } = attempt)
          break
        }
        next = end
        merge(summary, group!)
        if (this.lockWaits.size) for (const file of files.slice(first, next)) this.lockWaits.delete(file)
      } catch (error) {
        this.ingester.forgetCachedRows()
        if (!this.sqlite.open || !isBusy(error)) throw error
        // Another process holds the write lock: nothing of the group was kept, and the files after it would
        // wait the same. They are all read again once the lock is free.
        this.retryWhenUnlocked(files.slice(first))
        return
      }
      keepSummariesCurrent(this.sqlite)
      for (const file of large) add(summary, await this.ingestIsolated(file, project))
      // Between groups, whatever else waits (IPC, HTTP, the watcher) gets its turn.
      if (next < files.length) await new Promise((resolve) => setImmediate(resolve))
    }
  }

  /**
   * Reads files[first..] in one IMMEDIATE transaction until the time budget is spent (or up to `end`, when
   * reading a failed group again). Without savepoints, any file's failure rolls back the whole group.
   */
  private readGroup(
    files: string[],
    first: number,
    end: number,
    project: TrackedProject,
    savepoint: boolean,
  ): { group: IngestSummary; large: string[]; end: number } | { failedBefore: number } {
    const group: IngestSummary = { files: 0, events: 0, errors: 0, bytes: 0, abandoned: 0 }
    const large: string[] = []
    const started = performance.now()
    let next = first
    this.ingester.forgetCachedRows()
    try {
      // IMMEDIATE: the write lock is taken before the group reads anything, so no other writer can
      // slip in between its reads and its writes (SQLite would refuse those writes with BUSY_SNAPSHOT).
      this.sqlite
        .transaction(() => {
          while (next < end && (savepoint || performance.now() - started < GROUP_BUDGET_MS)) {
            const file = files[next++]!
            const result = savepoint ? this.ingestOneAmongOthers(file, project) : this.ingester.ingestAmongOthers(file, project, { savepoint: false })
            if (result === 'large') large.push(file)
            else add(group, result)
          }
        })
        .immediate()
    } catch (error) {
      this.ingester.forgetCachedRows()
      if (savepoint || !this.sqlite.open || isBusy(error)) throw error
      return { failedBefore: next }
    }
    return { group, large, end: next }
  }

  private ingestOneAmongOthers(file: string, project: TrackedProject): FileIngestResult | 'large' {
    try {
      return this.ingester.ingestAmongOthers(file, project, { savepoint: true })
    } catch (error) {
      if (!this.sqlite.open || isBusy(error)) throw error
      this.ingester.recordFileProblem(file, project, `not read: ${(error as Error).message}`)
      return { file, events: 0, errors: 1, bytes: 0, restarted: false }
    }
  }

  /** Another process holds the write lock past the busy timeout: read the file again after a back-off, and say so. */
  private retryWhenUnlocked(files: string[]): void {
    const attempt = Math.max(...files.map((file) => this.lockWaits.get(file) ?? 0)) + 1
    for (const file of files) this.lockWaits.set(file, attempt)
    const delay = Math.min(LOCK_RETRY_MAX_MS, LOCK_RETRY_FIRST_MS * 2 ** (attempt - 1))
    const what = files.length === 1 ? files[0] : `${files.length} files`
    process.stderr.write(`session-buddy: the database is locked by another process; reading ${what} again in ${delay} ms (attempt ${attempt})\n`)
    setTimeout(() => {
      for (const file of files) this.schedule(file)
    }, delay).unref()
  }

  /** The sweep waits for its next turn while another process holds the write lock. */
  private sweepWhenUnlocked(): number {
    try {
      return this.sweepAbandoned()
    } catch (error) {
      if (isBusy(error)) return 0
      throw error
    }
  }

  /** Watches every tracked project's event folder, then catches up on what was written before. */
  async startWatching(): Promise<void> {
    this.watchers = new Map()
    for (const project of this.trackedProjects()) this.watchProject(project)
    await this.catchUp()
  }

  /** Follows project changes: watches newly tracked projects (and catches up on them), drops the others. */
  refreshWatches(): void {
    // A project that cannot be watched is reported with a 'projects' change, which brings the app back here:
    // that nested call has nothing new to do (and once looped until the stack ran out).
    if (!this.watchers || this.refreshing) return
    this.refreshing = true
    try {
      this.refreshTrackedWatches(this.watchers)
    } finally {
      this.refreshing = false
    }
  }

  private refreshing = false

  private refreshTrackedWatches(watchers: Map<string, fs.FSWatcher>): void {
    const tracked = this.trackedProjects()
    const wanted = new Set(tracked.map((p) => eventsDir(p.path)))
    for (const [dir, watcher] of watchers) {
      if (wanted.has(dir)) continue
      watcher.close()
      watchers.delete(dir)
    }
    for (const project of tracked) {
      if (watchers.has(eventsDir(project.path))) continue
      if (this.watchProject(project)) void this.catchUp(project.id)
    }
  }

  /**
   * A plain directory watch (inotify, FSEvents, ReadDirectoryChangesW), not chokidar: the folder holds a
   * file per hook process, 20,000 and more, and chokidar stats every one before it is ready (2.4 s for
   * 20,000 here), where a directory watch costs nothing per file. Each event names the file that changed.
   */
  private watchProject(project: TrackedProject): boolean {
    const dir = this.prepareEventsDir(project)
    if (!dir || !this.watchers) return false
    let watcher: fs.FSWatcher
    try {
      watcher = fs.watch(dir, { persistent: true }, (_event, name) => {
        // Some platforms may not say which file: then read the whole folder's news.
        if (name) this.schedule(path.join(dir, name.toString()))
        else void this.catchUp(project.id)
      })
    } catch (error) {
      this.ingester.recordFileProblem(dir, project, `the events folder cannot be watched (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}): new events are read at the next start`)
      this.changes.publish('ingest', 'projects')
      return false
    }
    watcher.on('error', () => {
      // The folder went away (the project was deleted or moved): stop watching it; a refresh or restart tries again.
      watcher.close()
      this.watchers?.delete(dir)
    })
    this.watchers.set(dir, watcher)
    return true
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
    for (const watcher of this.watchers?.values() ?? []) watcher.close()
    this.watchers = null
  }

  /**
   * Seconds since the oldest change the watcher saw that is not read yet (0 when caught up): the ingest lag
   * team metrics report. A change is pending from when the watcher reports it until its batch is stored.
   */
  lagSeconds(now = Date.now()): number {
    return this.pendingSince === null ? 0 : Math.max(0, (now - this.pendingSince) / 1000)
  }

  private pendingSince: number | null = null

  private schedule(file: string): void {
    if (!file.endsWith('.jsonl') || !this.sqlite.open) return
    this.pendingSince ??= Date.now()
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
      try {
        for (const project of projects) {
          const dir = eventsDir(project.path)
          const own = files.filter((file) => path.dirname(file) === dir)
          if (own.length) await this.ingestInGroups(own, project, summary)
        }
      } finally {
        // Changes seen while this batch was read are still pending; otherwise everything seen is stored.
        if (this.dirty.size === 0) this.pendingSince = null
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


/** SQLITE_BUSY and its kinds (BUSY_SNAPSHOT, BUSY_RECOVERY): another connection holds what is needed. */
function isBusy(error: unknown): boolean {
  return (error as { code?: string }).code?.startsWith('SQLITE_BUSY') ?? false
}

function merge(summary: IngestSummary, group: IngestSummary): void {
  summary.files += group.files
  summary.events += group.events
  summary.errors += group.errors
  summary.bytes += group.bytes
}

function add(summary: IngestSummary, file: FileIngestResult): void {
  summary.files++
  summary.events += file.events
  summary.errors += file.errors
  summary.bytes += file.bytes
}

const TIMEOUT_EVIDENCE = JSON.stringify(bareEvidence('timeout'))
