import type BetterSqlite3 from 'better-sqlite3'
import type { PromptMatch, PromptMatcher } from './prompt-matcher'
import type { ProgressReport } from '../../shared/api/changes'

interface PendingPrompt {
  promptId: number
  projectId: number
  sessionId: string
  ts: string
  text: string
}

/** Quiet time after the last prompt queued before scoring starts, so a bulk import runs at full speed first. */
const START_AFTER_QUIET_MS = 250
/** Scoring yields to the event loop after this long, so the app stays responsive while it catches up. */
const SLICE_MS = 20
const BUSY_RETRIES = 5
const BUSY_RETRY_MS = 500
/** Twin prompts (the hook's copy and the transcript's, no id in common) this close together match once. */
const TWIN_SECONDS = 10

/**
 * Scores user prompts in the background, after ingest has stored them: ingest hands over each new
 * prompt's text (held in memory only, never written where prompts are not stored) and goes on at full
 * speed; once ingest has been quiet for a moment, the queue is scored in slices and each match written.
 * A prompt whose row is gone by then (a rolled-back batch, a deleted project) is skipped.
 */
export class PromptScoring {
  private queue: PendingPrompt[] = []
  private timer: NodeJS.Timeout | undefined
  private running: Promise<void> | undefined
  private readonly insertMatch: BetterSqlite3.Statement
  private readonly twin: BetterSqlite3.Statement

  constructor(
    private readonly sqlite: BetterSqlite3.Database,
    private readonly matcher: PromptMatcher,
    private readonly onProgress: (report: ProgressReport) => void = () => {},
    private readonly onScored: () => void = () => {},
  ) {
    this.insertMatch = sqlite.prepare(`
      insert into prompt_matches (prompt_id, project_id, session_id, ts, skill_name, strength)
      select @promptId, @projectId, @sessionId, @ts, @skill, @strength where exists (select 1 from prompts where id = @promptId)
      on conflict (prompt_id) do nothing`)
    this.twin = sqlite.prepare(`
      select 1 from prompt_matches where session_id = ? and skill_name = ? and abs(julianday(ts) - julianday(?)) * 86400 <= ${TWIN_SECONDS}`).pluck()
  }

  get pending(): number {
    return this.queue.length
  }

  enqueue(prompt: PendingPrompt): void {
    this.queue.push(prompt)
    if (this.running) return
    clearTimeout(this.timer)
    this.timer = setTimeout(() => void this.run(), START_AFTER_QUIET_MS)
    this.timer.unref()
  }

  /** Scores everything queued now (a command about to exit, a page about to read the matches). */
  async drain(): Promise<void> {
    clearTimeout(this.timer)
    while (this.queue.length || this.running) await (this.running ?? this.run())
  }

  private run(): Promise<void> {
    this.running ??= this.scoreAll().finally(() => {
      this.running = undefined
    })
    return this.running
  }

  private async scoreAll(): Promise<void> {
    const total = this.queue.length
    let done = 0
    let found = 0
    let busyRetries = 0
    while (this.queue.length) {
      const sliceEnd = performance.now() + SLICE_MS
      const scored: Array<{ prompt: PendingPrompt; match: PromptMatch | null }> = []
      while (this.queue.length && performance.now() < sliceEnd) {
        const prompt = this.queue.shift()!
        scored.push({ prompt, match: this.matcher.best(prompt.projectId, prompt.text) })
      }
      try {
        found += this.write(scored)
        busyRetries = 0
      } catch (error) {
        // Another process (the app, a CLI import) holds the write lock past the busy timeout: try again shortly.
        if (isBusy(error) && ++busyRetries <= BUSY_RETRIES) {
          this.queue.unshift(...scored.map((s) => s.prompt))
          await new Promise((resolve) => setTimeout(resolve, BUSY_RETRY_MS))
          continue
        }
        process.stderr.write(`session-buddy: ${this.queue.length + scored.length} prompts were not scored for coverage: ${(error as Error).message}\n`)
        this.queue = []
        return
      }
      done += scored.length
      if (total > 100) this.onProgress({ task: 'coverage:score-prompts', done, total: Math.max(total, done + this.queue.length) })
      await new Promise((resolve) => setImmediate(resolve))
    }
    if (found > 0) this.onScored()
  }

  /** Writes one slice's matches; immediate, so a concurrent writer makes it wait (busy timeout) instead of failing at the upgrade. */
  private write(scored: Array<{ prompt: PendingPrompt; match: PromptMatch | null }>): number {
    let found = 0
    this.sqlite
      .transaction(() => {
        for (const { prompt, match } of scored) {
          if (!match || this.twin.get(prompt.sessionId, match.skill, prompt.ts) !== undefined) continue
          found += this.insertMatch.run({ promptId: prompt.promptId, projectId: prompt.projectId, sessionId: prompt.sessionId, ts: prompt.ts, skill: match.skill, strength: match.strength }).changes
        }
      })
      .immediate()
    return found
  }
}

const isBusy = (error: unknown) => (error as { code?: string }).code === 'SQLITE_BUSY' || /database is locked/.test((error as Error).message)
