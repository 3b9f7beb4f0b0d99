import crypto from 'node:crypto'
import { EventWriter } from '../events/event-writer'
import { TIMED_OUT } from '../events/event-schema'

export interface TrackInvocationInput {
  skillName: string
  sessionId: string
  workflowPath?: string
  userQuery?: string
}

export interface CompleteInput {
  completed: boolean
  followUpActions?: string[]
  /** Required in spirit when completed is false: what kind of failure it was. */
  errorType?: string
}

export type Completer = (outcome: CompleteInput) => void

export interface TrackerOptions {
  /** An invocation not completed within this many ms is recorded as abandoned. Default: 2 hours. */
  abandonAfterMs?: number
  now?: () => Date
}

const DEFAULT_ABANDON_AFTER_MS = 2 * 60 * 60 * 1000

/**
 * The tracking library of the design brief: `trackInvocation(...)` returns a completer. Everything is
 * written to the project's event log, which the app ingests. An invocation whose completer is never
 * called is not lost: it is recorded as abandoned at session end or after `abandonAfterMs`.
 */
export class SkillTracker {
  private readonly writer: EventWriter
  private readonly now: () => Date
  private readonly abandonAfterMs: number
  private readonly open = new Map<string, { skill: string; sessionId: string; startedAt: number; timer: NodeJS.Timeout }>()

  constructor(projectPath: string, options: TrackerOptions = {}) {
    this.now = options.now ?? (() => new Date())
    this.writer = new EventWriter(projectPath, this.now)
    this.abandonAfterMs = options.abandonAfterMs ?? DEFAULT_ABANDON_AFTER_MS
  }

  startSession(sessionId: string, details: { model?: string; gitBranch?: string; source?: string } = {}): void {
    this.writer.append({
      type: 'session.started',
      session_id: sessionId,
      source: details.source ?? 'tracker',
      model: details.model,
      git_branch: details.gitBranch,
    })
  }

  /** Ends the session: every invocation still open in it is recorded as abandoned first. */
  endSession(sessionId: string, reason = 'ended'): void {
    for (const [invocationId, entry] of this.open) {
      if (entry.sessionId === sessionId) this.abandon(invocationId, 'session ended')
    }
    this.writer.append({ type: 'session.ended', session_id: sessionId, reason })
  }

  trackInvocation(input: TrackInvocationInput): Completer {
    const invocationId = crypto.randomUUID()
    const startedAt = this.now().getTime()
    this.writer.append({
      type: 'skill.invoked',
      session_id: input.sessionId,
      invocation_id: invocationId,
      skill: input.skillName,
      workflow_path: input.workflowPath,
      user_query: input.userQuery,
    })
    const timer = setTimeout(() => this.abandon(invocationId, TIMED_OUT), this.abandonAfterMs)
    timer.unref()
    this.open.set(invocationId, { skill: input.skillName, sessionId: input.sessionId, startedAt, timer })

    return (outcome) => {
      const entry = this.open.get(invocationId)
      if (!entry) return // already completed or abandoned: a completer counts once
      clearTimeout(entry.timer)
      this.open.delete(invocationId)
      const common = {
        session_id: entry.sessionId,
        invocation_id: invocationId,
        skill: entry.skill,
        duration_ms: Math.max(0, this.now().getTime() - entry.startedAt),
        follow_up_actions: outcome.followUpActions,
      }
      if (outcome.completed) this.writer.append({ type: 'skill.completed', ...common })
      else this.writer.append({ type: 'skill.failed', ...common, error_type: outcome.errorType ?? 'unknown' })
    }
  }

  /** Invocations started but not yet completed. */
  get openInvocations(): number {
    return this.open.size
  }

  private abandon(invocationId: string, reason: string): void {
    const entry = this.open.get(invocationId)
    if (!entry) return
    clearTimeout(entry.timer)
    this.open.delete(invocationId)
    this.writer.append({ type: 'skill.abandoned', session_id: entry.sessionId, invocation_id: invocationId, skill: entry.skill, reason })
  }
}
