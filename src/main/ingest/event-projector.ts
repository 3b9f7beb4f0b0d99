import type BetterSqlite3 from 'better-sqlite3'
import { TIMED_OUT, type SessionBuddyEvent } from '../events/event-schema'
import { bareEvidence, CURRENT_DERIVATION } from '../outcomes/outcome-rules'
import type { PromptScoring } from '../coverage/prompt-scoring'

export interface ProjectScope {
  id: number
  storePrompts: boolean
}

/** Where applied events came from, kept on each invocation row: event-log, transcript, ... */
export type EventSource = 'event-log' | 'transcript'

/**
 * A slash command reaches us twice when both the hook and a transcript import see it, with no id in
 * common (the hook cannot know the transcript line's uuid). The two copies are seconds apart; a user
 * typing the same command twice that fast is rare, so the copy from the second source is dropped.
 */
const SLASH_COMMAND_TWIN_SECONDS = 10
const SLASH_COMMAND_ID = 'cmd:'


/** Milliseconds between two ISO timestamps, in SQL. */
const MS_BETWEEN = (from: string, to: string) => `cast(round((julianday(${to}) - julianday(${from})) * 86400000) as integer)`

/**
 * Applies event-log events to the tables. Every write is keyed by the event's own ids (invocation,
 * workflow run, node, event id), so applying an event twice changes nothing, and outcomes that arrive
 * before their start (two hook processes, two files) still end up right.
 */
export class EventProjector {
  private readonly ensureSession: BetterSqlite3.Statement
  private readonly startSession: BetterSqlite3.Statement
  private readonly endSession: BetterSqlite3.Statement
  private readonly abandonOpenInSession: BetterSqlite3.Statement
  private readonly insertPrompt: BetterSqlite3.Statement
  private readonly latestPrompt: BetterSqlite3.Statement
  private readonly upsertInvoked: BetterSqlite3.Statement
  private readonly upsertOutcome: BetterSqlite3.Statement
  private readonly upsertPaired: BetterSqlite3.Statement
  private readonly updateOutcome: BetterSqlite3.Statement
  private readonly markAbandoned: BetterSqlite3.Statement
  private readonly insertAbandoned: BetterSqlite3.Statement
  private readonly upsertRunStart: BetterSqlite3.Statement
  private readonly upsertRunEnd: BetterSqlite3.Statement
  private readonly runIdByRef: BetterSqlite3.Statement
  private readonly upsertNodeStart: BetterSqlite3.Statement
  private readonly upsertNodeEnd: BetterSqlite3.Statement
  private readonly updateNodeEnd: BetterSqlite3.Statement
  private readonly resetOlderDerivation: BetterSqlite3.Statement
  private readonly commandTwin: BetterSqlite3.Statement
  private readonly updateInferred: BetterSqlite3.Statement
  private readonly insertInferred: BetterSqlite3.Statement
  private readonly rowExists: BetterSqlite3.Statement

  /** Earliest start already written per session, so most events skip the session upsert (a hot-loop saving). */
  private readonly sessionStarts = new Map<string, string>()
  private readonly runIds = new Map<string, number>()

  constructor(
    sqlite: BetterSqlite3.Database,
    /** Scores each user prompt against the catalogue (coverage's missed triggers); none in tools that only rebuild. */
    private readonly promptScoring?: PromptScoring,
  ) {
    // Raw statements prepared once: the projector runs them per event in bulk ingest (the measured hot path).
    this.ensureSession = sqlite.prepare(`
      insert into sessions (id, project_id, started_at, source, created_at) values (@session, @project, @ts, @source, @now)
      on conflict (id) do update set started_at = min(started_at, excluded.started_at)`)
    this.startSession = sqlite.prepare(`
      update sessions set model = coalesce(@model, model), git_branch = coalesce(@branch, git_branch) where id = @session`)
    this.endSession = sqlite.prepare(`
      update sessions set ended_at = max(coalesce(ended_at, ''), @ts), end_reason = coalesce(@reason, end_reason) where id = @session`)
    this.abandonOpenInSession = sqlite.prepare(`
      update skill_invocations set status = 'abandoned', ended_at = @ts, duration_ms = ${MS_BETWEEN('started_at', '@ts')},
        outcome_source = 'inferred', evidence = @evidence, derivation = ${CURRENT_DERIVATION}
      where session_id = @session and status = 'running' and started_at <= @ts`)
    this.insertPrompt = sqlite.prepare(`
      insert into prompts (project_id, session_id, ts, text, source_ref, from_agent) values (?, ?, ?, ?, ?, ?)
      on conflict (source_ref) do nothing`)
    this.latestPrompt = sqlite.prepare(`
      select text from prompts where session_id = ? and ts <= ? and text is not null order by ts desc limit 1`).pluck()
    this.upsertInvoked = sqlite.prepare(`
      insert into skill_invocations (project_id, session_id, skill_name, status, started_at, workflow_path, user_query, source, source_ref)
      values (@project, @session, @skill, 'running', @ts, @workflowPath, @userQuery, @source, @ref)
      on conflict (source_ref) do update set
        started_at = min(started_at, excluded.started_at),
        workflow_path = coalesce(workflow_path, excluded.workflow_path),
        user_query = coalesce(user_query, excluded.user_query),
        duration_ms = coalesce(duration_ms, case when ended_at is not null then ${MS_BETWEEN('excluded.started_at', 'ended_at')} end)`)
    // A start seen again for a row whose unlabelled outcome came from an older derivation (a Skill call
    // "completed" when its file loaded): back to running, so what follows in the same source re-derives it.
    this.resetOlderDerivation = sqlite.prepare(`
      update skill_invocations set status = 'running', ended_at = null, duration_ms = null, error_type = null, follow_up_actions = '[]',
        evidence = null, derivation = ${CURRENT_DERIVATION}
      where source_ref = ? and derivation < ${CURRENT_DERIVATION} and outcome_source is null`)
    this.upsertOutcome = sqlite.prepare(`
      insert into skill_invocations
        (project_id, session_id, skill_name, status, started_at, ended_at, duration_ms, error_type, follow_up_actions, source, source_ref, outcome_source)
      values (@project, @session, @skill, @status, @startedAt, @ts, @duration, @errorType, @followUps, @source, @ref, 'explicit')
      on conflict (source_ref) do update set
        status = excluded.status,
        ended_at = excluded.ended_at,
        duration_ms = coalesce(excluded.duration_ms, ${MS_BETWEEN('started_at', 'excluded.ended_at')}),
        error_type = excluded.error_type,
        follow_up_actions = excluded.follow_up_actions,
        outcome_source = 'explicit', evidence = null, derivation = ${CURRENT_DERIVATION}`)
    // An invocation whose start and outcome are in the same batch: one row written once.
    this.upsertPaired = sqlite.prepare(`
      insert into skill_invocations
        (project_id, session_id, skill_name, status, started_at, ended_at, duration_ms, error_type, workflow_path, user_query, follow_up_actions, source, source_ref, outcome_source)
      values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'explicit')
      on conflict (source_ref) do update set
        status = excluded.status, started_at = min(started_at, excluded.started_at), ended_at = excluded.ended_at,
        outcome_source = 'explicit', evidence = null, derivation = ${CURRENT_DERIVATION},
        duration_ms = excluded.duration_ms, error_type = excluded.error_type, follow_up_actions = excluded.follow_up_actions,
        workflow_path = coalesce(workflow_path, excluded.workflow_path), user_query = coalesce(user_query, excluded.user_query)`)
    // The common case (start already stored) as a plain update: cheaper than an upsert's failed insert.
    this.updateOutcome = sqlite.prepare(`
      update skill_invocations set
        status = @status, ended_at = @ts, error_type = @errorType, follow_up_actions = @followUps,
        duration_ms = coalesce(@duration, ${MS_BETWEEN('started_at', '@ts')}), outcome_source = 'explicit', evidence = null, derivation = ${CURRENT_DERIVATION}
      where source_ref = @ref`)
    // Explicit abandonment never overrides an explicit outcome that is already known.
    this.markAbandoned = sqlite.prepare(`
      update skill_invocations set status = 'abandoned', ended_at = @ended,
        duration_ms = case when @ended is null then null else ${MS_BETWEEN('started_at', '@ended')} end,
        outcome_source = 'explicit', evidence = null, derivation = ${CURRENT_DERIVATION}
      where source_ref = @ref and (status = 'running' or outcome_source is not 'explicit')`)
    this.insertAbandoned = sqlite.prepare(`
      insert into skill_invocations (project_id, session_id, skill_name, status, started_at, ended_at, source, source_ref, outcome_source)
      values (@project, @session, @skill, 'abandoned', @ts, @ended, @source, @ref, 'explicit')
      on conflict (source_ref) do nothing`)
    // Inferred outcomes replace earlier inferences (a later report knows more) but never an explicit outcome.
    this.updateInferred = sqlite.prepare(`
      update skill_invocations set
        status = @status, ended_at = @ended, error_type = @errorType, follow_up_actions = @followUps, evidence = @evidence,
        duration_ms = case when @ended is null then null else coalesce(@duration, ${MS_BETWEEN('started_at', '@ended')}) end,
        outcome_source = 'inferred', derivation = ${CURRENT_DERIVATION}
      where source_ref = @ref and outcome_source is not 'explicit'`)
    this.rowExists = sqlite.prepare('select 1 from skill_invocations where source_ref = ?').pluck()
    this.insertInferred = sqlite.prepare(`
      insert into skill_invocations
        (project_id, session_id, skill_name, status, started_at, ended_at, duration_ms, error_type, follow_up_actions, source, source_ref, outcome_source, evidence)
      values (@project, @session, @skill, @status, @startedAt, @ended, @duration, @errorType, @followUps, @source, @ref, 'inferred', @evidence)
      on conflict (source_ref) do nothing`)
    this.commandTwin = sqlite.prepare(`
      select source_ref from skill_invocations
      where session_id = @session and skill_name = @skill and source <> @source and source_ref like 'inv:${SLASH_COMMAND_ID}%'
        and abs(julianday(started_at) - julianday(@startedAt)) * 86400 <= ${SLASH_COMMAND_TWIN_SECONDS}
      limit 1`).pluck()
    this.upsertRunStart = sqlite.prepare(`
      insert into workflow_runs (project_id, session_id, workflow_id, name, status, started_at, metadata, source_ref)
      values (@project, @session, @workflowId, @name, 'running', @ts, @metadata, @ref)
      on conflict (source_ref) do update set
        workflow_id = excluded.workflow_id, name = excluded.name, metadata = excluded.metadata,
        started_at = min(started_at, excluded.started_at),
        duration_ms = coalesce(duration_ms, case when ended_at is not null then ${MS_BETWEEN('excluded.started_at', 'ended_at')} end)`)
    this.upsertRunEnd = sqlite.prepare(`
      insert into workflow_runs (project_id, session_id, workflow_id, name, status, started_at, ended_at, duration_ms, metadata, source_ref)
      values (@project, @session, @runId, @runId, @status, @startedAt, @ts, @duration, @metadata, @ref)
      on conflict (source_ref) do update set
        status = excluded.status, ended_at = excluded.ended_at,
        duration_ms = coalesce(excluded.duration_ms, ${MS_BETWEEN('started_at', 'excluded.ended_at')}),
        metadata = case when excluded.metadata = '{}' then metadata else excluded.metadata end`)
    this.runIdByRef = sqlite.prepare('select id from workflow_runs where source_ref = ?').pluck()
    this.upsertNodeStart = sqlite.prepare(`
      insert into workflow_nodes (run_id, node_id, name, status, started_at, metadata, source_ref)
      values (@runId, @nodeId, @name, 'running', @ts, @metadata, @ref)
      on conflict (source_ref) do update set
        name = excluded.name, started_at = min(started_at, excluded.started_at),
        duration_ms = coalesce(duration_ms, case when ended_at is not null then ${MS_BETWEEN('excluded.started_at', 'ended_at')} end)`)
    this.updateNodeEnd = sqlite.prepare(`
      update workflow_nodes set
        status = ?, ended_at = ?, error = ?,
        name = case when ? = node_id then name else ? end,
        duration_ms = coalesce(?, ${MS_BETWEEN('started_at', '?')})
      where source_ref = ?`)
    this.upsertNodeEnd = sqlite.prepare(`
      insert into workflow_nodes (run_id, node_id, name, status, started_at, ended_at, duration_ms, error, metadata, source_ref)
      values (@runId, @nodeId, @name, @status, @startedAt, @ts, @duration, @error, @metadata, @ref)
      on conflict (source_ref) do update set
        status = excluded.status, ended_at = excluded.ended_at, error = excluded.error,
        name = case when excluded.name = excluded.node_id then name else excluded.name end,
        duration_ms = coalesce(excluded.duration_ms, ${MS_BETWEEN('started_at', 'excluded.ended_at')})`)
  }

  /**
   * Applies a batch in order, with one saving: an invocation whose start and outcome are both in the
   * batch is written as one row instead of an insert and an update. The result is the same as applying
   * the events one by one (an outcome always wins over abandonment), at half the writes.
   */
  applyBatch(events: SessionBuddyEvent[], project: ProjectScope, source: EventSource = 'event-log'): void {
    const withOutcome = new Set<string>()
    for (const e of events) if (e.type === 'skill.failed' || (e.type === 'skill.completed' && !isLoadOnlyCompletion(e))) withOutcome.add(e.invocation_id)
    const starts = new Map<string, { ts: string; workflowPath: string | null; userQuery: string | null }>()
    for (const event of events) {
      if (event.type === 'skill.invoked' && withOutcome.has(event.invocation_id) && !starts.has(event.invocation_id)) {
        const ts = toUtcIso(event.ts)
        this.ensureSessionFor(event.session_id, project, ts, source)
        starts.set(event.invocation_id, { ts, workflowPath: event.workflow_path ?? null, userQuery: this.userQueryFor(event, project, ts) })
        continue
      }
      const start = (event.type === 'skill.failed' || (event.type === 'skill.completed' && !isLoadOnlyCompletion(event))) && starts.get(event.invocation_id)
      if (start) {
        starts.delete(event.invocation_id)
        const ts = toUtcIso(event.ts)
        this.ensureSessionFor(event.session_id, project, ts, source)
        if (this.isCommandTwin(event, start.ts, source)) continue
        // Positional parameters: this is the hottest statement of a bulk ingest.
        this.upsertPaired.run(
          project.id,
          event.session_id,
          event.skill,
          event.type === 'skill.completed' ? 'completed' : 'failed',
          start.ts,
          ts,
          event.duration_ms ?? Math.max(0, Date.parse(ts) - Date.parse(start.ts)),
          event.type === 'skill.failed' ? event.error_type : null,
          start.workflowPath,
          start.userQuery,
          JSON.stringify(event.follow_up_actions ?? []),
          source,
          invocationRef(event.invocation_id),
        )
        continue
      }
      this.apply(event, project, source)
    }
    // Starts whose outcome came earlier in the batch (another writer's file): apply them as usual.
    for (const event of events) {
      if (event.type === 'skill.invoked' && starts.has(event.invocation_id)) {
        starts.delete(event.invocation_id)
        this.apply(event, project, source)
      }
    }
  }

  private ensureSessionFor(session: string, project: ProjectScope, ts: string, source: EventSource): void {
    const knownStart = this.sessionStarts.get(session)
    if (knownStart === undefined || ts < knownStart) {
      this.ensureSession.run({ session, project: project.id, ts, source, now: new Date().toISOString() })
      this.sessionStarts.set(session, ts)
    }
  }

  /** A slash command another source already recorded (see SLASH_COMMAND_TWIN_SECONDS). */
  private isCommandTwin(event: { invocation_id: string; session_id: string; skill: string }, ts: string, source: EventSource): boolean {
    if (!event.invocation_id.startsWith(SLASH_COMMAND_ID)) return false
    return this.commandTwin.get({ session: event.session_id, skill: event.skill, source, startedAt: ts }) !== undefined
  }

  private userQueryFor(event: Extract<SessionBuddyEvent, { type: 'skill.invoked' }>, project: ProjectScope, ts: string): string | null {
    if (!project.storePrompts) return null
    return event.user_query ?? (this.latestPrompt.get(event.session_id, ts) as string | undefined) ?? null
  }

  apply(event: SessionBuddyEvent, project: ProjectScope, source: EventSource = 'event-log'): void {
    const ts = toUtcIso(event.ts)
    const session = event.session_id
    this.ensureSessionFor(session, project, ts, source)

    switch (event.type) {
      case 'session.started':
        this.startSession.run({ session, model: event.model ?? null, branch: event.git_branch ?? null })
        return
      case 'session.ended':
        this.endSession.run({ session, ts, reason: event.reason ?? null })
        this.abandonOpenInSession.run({ session, ts, evidence: SESSION_ENDED_EVIDENCE })
        return
      case 'prompt.submitted': {
        const inserted = this.insertPrompt.run(project.id, session, ts, project.storePrompts ? (event.prompt ?? null) : null, `evt:${event.id}`, event.from_agent ? 1 : 0)
        if (inserted.changes > 0 && event.prompt && !event.from_agent) {
          this.promptScoring?.enqueue({ promptId: Number(inserted.lastInsertRowid), projectId: project.id, sessionId: session, ts, text: event.prompt })
        }
        return
      }
      case 'skill.invoked': {
        if (this.isCommandTwin(event, ts, source)) return
        this.resetOlderDerivation.run(invocationRef(event.invocation_id))
        const userQuery = this.userQueryFor(event, project, ts)
        this.upsertInvoked.run({
          project: project.id,
          session,
          skill: event.skill,
          ts,
          workflowPath: event.workflow_path ?? null,
          userQuery,
          source,
          ref: invocationRef(event.invocation_id),
        })
        return
      }
      case 'skill.completed':
      case 'skill.failed': {
        if (isLoadOnlyCompletion(event)) return
        const duration = event.duration_ms ?? null
        const outcome = {
          status: event.type === 'skill.completed' ? 'completed' : 'failed',
          ts,
          duration,
          errorType: event.type === 'skill.failed' ? event.error_type : null,
          followUps: JSON.stringify(event.follow_up_actions ?? []),
          ref: invocationRef(event.invocation_id),
        }
        if (this.updateOutcome.run(outcome).changes > 0) return
        if (this.isCommandTwin(event, ts, source)) return
        this.upsertOutcome.run({
          ...outcome,
          project: project.id,
          session,
          skill: event.skill,
          startedAt: duration === null ? ts : new Date(Date.parse(ts) - duration).toISOString(),
          source,
        })
        return
      }
      case 'skill.abandoned': {
        const ref = invocationRef(event.invocation_id)
        // A run abandoned because its completer never came has no known end: no end time, no duration.
        const ended = event.reason === TIMED_OUT ? null : ts
        if (this.markAbandoned.run({ ended, ref }).changes === 0) {
          this.insertAbandoned.run({ project: project.id, session, skill: event.skill, ts, ended, source, ref })
        }
        return
      }
      case 'skill.outcome_inferred': {
        const ended = event.duration_ms === undefined && event.evidence.endedBy === 'timeout' ? null : ts
        const outcome = {
          status: event.outcome,
          ended,
          duration: event.duration_ms ?? null,
          errorType: event.error_type ?? null,
          followUps: JSON.stringify(event.follow_up_actions ?? []),
          evidence: JSON.stringify(event.evidence),
          ref: invocationRef(event.invocation_id),
        }
        if (this.updateInferred.run(outcome).changes > 0 || this.rowExists.get(outcome.ref)) return
        const startedAt = event.duration_ms === undefined ? ts : new Date(Date.parse(ts) - event.duration_ms).toISOString()
        if (event.invocation_id.startsWith(SLASH_COMMAND_ID)) {
          // The other source's copy of this slash command holds the row (see SLASH_COMMAND_TWIN_SECONDS).
          const twin = this.commandTwin.get({ session, skill: event.skill, source, startedAt }) as string | undefined
          if (twin) {
            this.updateInferred.run({ ...outcome, ref: twin })
            return
          }
        }
        this.insertInferred.run({ ...outcome, project: project.id, session, skill: event.skill, startedAt, source })
        return
      }
      case 'workflow.started':
        this.upsertRunStart.run({
          project: project.id,
          session,
          workflowId: event.workflow_id,
          name: event.name,
          ts,
          metadata: JSON.stringify(event.metadata ?? {}),
          ref: runRef(event.workflow_run_id),
        })
        return
      case 'workflow.completed': {
        const duration = event.duration_ms ?? null
        this.upsertRunEnd.run({
          project: project.id,
          session,
          runId: event.workflow_run_id,
          status: event.status,
          startedAt: duration === null ? ts : new Date(Date.parse(ts) - duration).toISOString(),
          ts,
          duration,
          metadata: JSON.stringify(event.metadata ?? {}),
          ref: runRef(event.workflow_run_id),
        })
        return
      }
      case 'workflow.node.started':
      case 'workflow.node.completed':
      case 'workflow.node.failed': {
        const runId = this.ensureRun(event.workflow_run_id, project, session, ts)
        const common = {
          runId,
          nodeId: event.node_id,
          name: event.name ?? event.node_id,
          ts,
          metadata: JSON.stringify(event.metadata ?? {}),
          ref: `node:${event.workflow_run_id}:${event.node_id}`,
        }
        if (event.type === 'workflow.node.started') {
          this.upsertNodeStart.run(common)
          return
        }
        const duration = event.duration_ms ?? null
        const end = {
          name: common.name,
          ts,
          ref: common.ref,
          status: event.type === 'workflow.node.completed' ? 'completed' : 'failed',
          duration,
          error: event.type === 'workflow.node.failed' ? (event.error ?? null) : null,
        }
        if (this.updateNodeEnd.run(end.status, ts, end.error, end.name, end.name, duration, ts, end.ref).changes > 0) return
        this.upsertNodeEnd.run({ ...common, ...end, startedAt: duration === null ? ts : new Date(Date.parse(ts) - duration).toISOString() })
        return
      }
    }
  }

  /**
   * Forget cached session starts: call when a transaction rolled back, or when rows may have been
   * deleted under the projector (a project removed).
   */
  resetCache(): void {
    this.sessionStarts.clear()
    this.runIds.clear()
  }

  /** A node event can arrive before its run's start (another writer's file): make a placeholder run. */
  private ensureRun(workflowRunId: string, project: ProjectScope, session: string, ts: string): number {
    const cached = this.runIds.get(workflowRunId)
    if (cached !== undefined) return cached
    const ref = runRef(workflowRunId)
    let id = this.runIdByRef.get(ref) as number | undefined
    if (id === undefined) {
      this.upsertRunStart.run({ project: project.id, session, workflowId: workflowRunId, name: workflowRunId, ts, metadata: '{}', ref })
      id = this.runIdByRef.get(ref) as number
    }
    this.runIds.set(workflowRunId, id)
    return id
  }
}

/**
 * Hooks before honest outcomes wrote `skill.completed` for a Claude Code Skill call as soon as its file
 * loaded (tool_use ids start "toolu_"), and for a typed slash command at the instant it was typed
 * ("cmd:" ids), with no duration and no follow-ups. Those lines stay in users' event logs; they say the
 * skill loaded, not how its work went, so they are not read as outcomes (docs/outcomes.md).
 */
export function isLoadOnlyCompletion(event: SessionBuddyEvent): boolean {
  return (
    event.type === 'skill.completed' &&
    event.duration_ms === undefined &&
    event.follow_up_actions === undefined &&
    (event.invocation_id.startsWith('toolu_') || event.invocation_id.startsWith(SLASH_COMMAND_ID))
  )
}

const SESSION_ENDED_EVIDENCE = JSON.stringify(bareEvidence('session-end'))

/** Timestamps are stored as UTC ISO text so they sort as text; most already arrive in that form. */
const UTC_ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/
function toUtcIso(ts: string): string {
  return UTC_ISO.test(ts) ? ts : new Date(ts).toISOString()
}

/** One namespace for invocation ids across sources: a Claude Code tool_use id seen by a hook and in a transcript is one row. */
export const invocationRef = (invocationId: string) => `inv:${invocationId}`
export const runRef = (workflowRunId: string) => `wf:${workflowRunId}`
