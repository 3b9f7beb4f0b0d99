import type { RunEvidence, RunOutcome } from '../../../shared/api/outcomes'
import { bareEvidence, inferOutcome } from '../../outcomes/outcome-rules'
import { classifyPrompt } from '../../outcomes/prompt-classifier'
import { followUpOf, type FollowUp } from '../../outcomes/follow-ups'

/** An inferred outcome, ready to become a `skill.outcome_inferred` event. */
export interface InferredRunEnd {
  sessionId: string
  invocationId: string
  skill: string
  /** When the run's span ended (also the event's time). */
  ts: string
  durationMs: number
  outcome: RunOutcome
  evidence: RunEvidence
  followUps: string[]
  errorType?: string
}

interface Run {
  invocationId: string
  skill: string
  startedAt: string
  evidence: RunEvidence
  followUps: Set<string>
  end?: { ts: string }
}

interface PendingTool {
  followUp: FollowUp | null
}

/** Where the turn that holds the oldest unresolved run began, so a reader can resume there and re-derive it. */
export interface ResumePoint {
  offset: number
  line: number
}

/**
 * Follows one session's turns in a transcript and decides how each skill run went. A run spans from
 * its Skill call (or typed slash command) to the end of the assistant turn it belongs to, a user
 * interrupt, or the session's end. Runs that start in the same turn all end there; overlapping runs
 * each count their whole span (time is not split between them). Outcomes follow `inferOutcome`.
 *
 * A run whose turn ended is reported at once as 'unknown' (nothing followed yet) and reported again
 * when the next prompt shows whether it was accepted or corrected.
 */
export class SessionTurns {
  private open: Run[] = []
  /** Runs whose turn ended, waiting for the next prompt to say whether the work was accepted. */
  private awaiting: Run[] = []
  private readonly tools = new Map<string, PendingTool>()
  private lastActivity: string | null = null
  private turnStart: ResumePoint | null = null
  private unresolvedFrom: ResumePoint | null = null

  constructor(private readonly sessionId: string) {}

  /** Where re-reading must start to re-derive every run not yet final; null when all are final. */
  resumePoint(): ResumePoint | null {
    return this.open.length || this.awaiting.length ? this.unresolvedFrom : null
  }

  /** A real user prompt (or typed command): the previous turn is over, and this says how it went. */
  prompt(ts: string, text: string | null, at: ResumePoint): InferredRunEnd[] {
    this.endTurn(this.lastActivity ?? ts, 'next-prompt')
    const classification = text === null ? { label: 'new-request' as const, rule: 'command' } : classifyPrompt(text)
    const finals = [...this.awaiting]
    this.awaiting = []
    for (const run of finals) {
      run.evidence.nextPrompt = classification.label
      run.evidence.nextPromptRule = classification.rule
    }
    this.tools.clear()
    this.turnStart = at
    this.lastActivity = ts
    this.unresolvedFrom = null
    return finals.map((run) => this.report(run))
  }

  /** A Skill call or typed slash command starts a run. */
  startRun(invocationId: string, skill: string, ts: string, at: ResumePoint): void {
    if (this.open.some((r) => r.invocationId === invocationId)) return
    this.open.push({ invocationId, skill, startedAt: ts, evidence: { ...bareEvidence('turn-end', 'pending'), assistantReplies: 0 }, followUps: new Set() })
    this.unresolvedFrom ??= this.turnStart ?? at
    this.lastActivity = ts
  }

  /** The skill tool's own result: an error ends its run at once as failed. */
  skillResult(invocationId: string, ts: string, failed: boolean): InferredRunEnd[] {
    this.lastActivity = ts
    if (!failed) return []
    const run = this.open.find((r) => r.invocationId === invocationId)
    if (!run) return []
    this.open = this.open.filter((r) => r !== run)
    run.evidence.skillToolError = true
    run.evidence.endedBy = 'skill-error'
    run.end = { ts }
    return [this.report(run, 'skill_tool_error')]
  }

  toolCall(toolUseId: string, name: string, input: unknown, ts: string): void {
    this.lastActivity = ts
    this.tools.set(toolUseId, { followUp: followUpOf(name, input) })
    for (const run of this.open) run.evidence.toolCalls++
  }

  toolResult(toolUseId: string, failed: boolean, rejected: boolean, ts: string): InferredRunEnd[] {
    this.lastActivity = ts
    const tool = this.tools.get(toolUseId)
    if (!tool) return []
    this.tools.delete(toolUseId)
    for (const run of this.open) {
      if (failed) {
        run.evidence.toolErrors++
        run.evidence.trailingFailures++
      } else run.evidence.trailingFailures = 0
      if (tool.followUp?.kind === 'test') {
        if (failed) run.evidence.testRuns.failed++
        else run.evidence.testRuns.passed++
        run.followUps.add(failed ? 'tests failed' : 'tests passed')
      } else if (tool.followUp && !failed) run.followUps.add(tool.followUp.action)
    }
    return rejected ? this.interrupt(ts) : []
  }

  assistantActivity(ts: string): void {
    this.lastActivity = ts
    for (const run of this.open) run.evidence.assistantReplies = (run.evidence.assistantReplies ?? 0) + 1
  }

  apiError(ts: string): void {
    this.lastActivity = ts
    for (const run of this.open) run.evidence.apiErrors++
  }

  /** "[Request interrupted by user…]" or a rejected tool use: every open run is abandoned there. */
  interrupt(ts: string): InferredRunEnd[] {
    const runs = this.open
    this.open = []
    this.tools.clear()
    for (const run of runs) {
      run.evidence.interrupted = true
      run.evidence.endedBy = 'interrupt'
      run.end = { ts }
    }
    if (!this.awaiting.length) this.unresolvedFrom = null
    return runs.map((run) => this.report(run))
  }

  /** A turn marker (Stop hook summary, turn duration): open runs end here; the next prompt will say more. */
  turnEnded(ts: string): InferredRunEnd[] {
    return this.endTurn(this.lastActivity ?? ts, 'turn-end')
  }

  /**
   * The transcript has had no new line for OUTCOME_RULES.sessionIdleEndMs: the session is over. Runs
   * still waiting learn that no prompt followed; a run whose turn was cut off mid-tool was abandoned.
   */
  sessionOver(): InferredRunEnd[] {
    const reports: InferredRunEnd[] = []
    const cutOff = this.tools.size > 0
    for (const run of this.open) {
      run.end = { ts: this.lastActivity ?? run.startedAt }
      if (cutOff) run.evidence.endedBy = 'session-end'
      else run.evidence.endedBy = 'turn-end'
      this.awaiting.push(run)
    }
    this.open = []
    for (const run of this.awaiting) {
      if (run.evidence.endedBy !== 'session-end') run.evidence.nextPrompt = 'none'
      reports.push(this.report(run))
    }
    this.awaiting = []
    this.unresolvedFrom = null
    return reports
  }

  private endTurn(ts: string, endedBy: RunEvidence['endedBy']): InferredRunEnd[] {
    const runs = this.open
    this.open = []
    for (const run of runs) {
      run.end = { ts: ts < run.startedAt ? run.startedAt : ts }
      run.evidence.endedBy = endedBy
      this.awaiting.push(run)
    }
    return runs.map((run) => this.report(run))
  }

  private report(run: Run, errorType?: string): InferredRunEnd {
    const end = run.end!.ts
    const outcome = inferOutcome(run.evidence)
    return {
      sessionId: this.sessionId,
      invocationId: run.invocationId,
      skill: run.skill,
      ts: end,
      durationMs: Math.max(0, Date.parse(end) - Date.parse(run.startedAt)),
      outcome,
      evidence: structuredClone(run.evidence),
      followUps: [...run.followUps],
      errorType: errorType ?? (outcome === 'failed' ? failureClass(run.evidence) : undefined),
    }
  }
}

/** A short error class for a failed run, as the metrics' "common errors" list shows it. */
function failureClass(evidence: RunEvidence): string {
  if (evidence.skillToolError) return 'skill_tool_error'
  if (evidence.nextPrompt === 'correction') return 'user_correction'
  if (evidence.testRuns.failed > 0) return 'tests_failed'
  return 'tool_errors'
}
