import type BetterSqlite3 from 'better-sqlite3'
import { z } from 'zod'
import { readSetting, writeSetting } from '../system/app-settings'

const PAUSE_SETTING = 'tracking.pausedUntil'

/** What pausing stops and resuming starts again: the event-log watcher and the transcript follower. */
export interface Capture {
  start(): Promise<void>
  stop(): Promise<void>
}

/**
 * "Pause tracking for 1 hour": Session Buddy stops reading event logs and transcripts until then. Nothing
 * is lost: hooks still append to the projects' event logs and Claude Code to its transcripts, and both are
 * read from where reading stopped when tracking resumes (by itself at the end, or when the user resumes).
 * The pause is kept in the database, so a restart during it stays paused.
 */
export class TrackingPause {
  private timer: NodeJS.Timeout | undefined
  private capturing = false
  /** Set by start(): only a host that captures (the app, `serve`) starts and stops capture; others just record the pause. */
  private active = false
  /** Start and stop run one after another, so a quick pause-resume never leaves two watchers. */
  private queue: Promise<void> = Promise.resolve()

  constructor(
    private readonly sqlite: BetterSqlite3.Database,
    private readonly capture: Capture,
    private readonly onChange: () => void = () => {},
    private readonly now: () => number = Date.now,
  ) {}

  /** ISO time tracking resumes; null while it runs. */
  pausedUntil(): string | null {
    const until = readSetting(this.sqlite, PAUSE_SETTING, z.string().datetime().nullable(), null)
    return until && Date.parse(until) > this.now() ? until : null
  }

  /** Starts capture unless a pause saved before a restart still holds; then it starts when the pause ends. */
  async start(): Promise<void> {
    this.active = true
    const until = this.pausedUntil()
    if (until) this.resumeAt(until)
    else await this.startCapture()
  }

  async pause(minutes: number): Promise<void> {
    const until = new Date(this.now() + minutes * 60_000).toISOString()
    writeSetting(this.sqlite, PAUSE_SETTING, until)
    if (this.active) this.resumeAt(until)
    await this.enqueue(async () => {
      if (!this.capturing) return
      this.capturing = false
      await this.capture.stop()
    })
    this.onChange()
  }

  async resume(): Promise<void> {
    clearTimeout(this.timer)
    writeSetting(this.sqlite, PAUSE_SETTING, null)
    if (this.active) await this.startCapture()
    this.onChange()
  }

  /** Stops the timer; the host stops capture itself when it closes. */
  close(): Promise<void> {
    this.active = false
    clearTimeout(this.timer)
    return this.queue
  }

  private resumeAt(until: string): void {
    clearTimeout(this.timer)
    // Timers cap at ~24.8 days; pauses are at most a day (MAX_PAUSE_MINUTES).
    this.timer = setTimeout(() => void this.resume(), Math.max(0, Date.parse(until) - this.now()))
    this.timer.unref()
  }

  private startCapture(): Promise<void> {
    return this.enqueue(async () => {
      if (this.capturing) return
      this.capturing = true
      await this.capture.start()
    })
  }

  private enqueue(step: () => Promise<void>): Promise<void> {
    this.queue = this.queue.then(step, step)
    return this.queue
  }
}
