import type { NewEvent } from '../../events/event-writer'
import { SKILL_TOOL_ERROR_EVIDENCE } from '../../outcomes/outcome-rules'
import { usageOfLine, type MessageUsage } from '../../usage/message-usage'
import { skillFromCommand } from './builtin-commands'
import { SessionTurns, type InferredRunEnd, type ResumePoint } from './turn-tracker'

/** What one transcript line says, as Session Buddy events for one working folder. */
export interface TranslatedLine {
  cwd: string | null
  sessionId: string
  ts: string
  events: Array<NewEvent & { id: string; ts: string }>
  /** The tokens of a model reply, where the line reports them. */
  usage: MessageUsage | null
  /** Tool calls the line makes, and results it returns (counted per tool; no inputs kept). */
  toolCalls: Array<{ id: string; name: string }>
  toolResults: Array<{ id: string; failed: boolean }>
}

export type SkipReason = 'not-json' | 'not-an-object' | 'no-type' | 'no-session-id' | 'no-timestamp'

const COMMAND_NAME = /<command-name>([^<]*)<\/command-name>/
const COMMAND_ARGS = /<command-args>([\s\S]*?)<\/command-args>/

const INTERRUPTED = /^\[Request interrupted by user/
const TOOL_REJECTED = /^The user doesn't want to proceed with this tool use/
/** User lines written by Claude Code itself, not typed: command output, caveats, task notifications, compaction summaries. */
const NOT_TYPED = /^(<local-command-|Caveat:|<task-notification>|<bash-(input|stdout|stderr)>|This session is being continued from a previous conversation)/
const TURN_MARKERS = new Set(['turn_duration', 'stop_hook_summary'])

/**
 * Turns Claude Code transcript lines into events: session details, user prompts, Skill calls and
 * user-typed slash commands naming a skill, and each run's inferred outcome (see SessionTurns).
 * Keeps state per file: the session's folder, which tool_use ids are Skill calls, and each session's
 * open turn, since results and the next prompt come on later lines.
 */
export class TranscriptTranslator {
  private readonly cwdBySession = new Map<string, string>()
  private readonly skillCalls = new Map<string, string>()
  private readonly turns = new Map<string, SessionTurns>()

  constructor(
    private readonly fallbackSessionId: string,
    /** Finds Skill calls made in another file (a resumed session's result can land in a new file). */
    private readonly knownSkillCall: (toolUseId: string) => string | undefined = () => undefined,
  ) {}

  /** Where a reader must start again to re-derive every run that is not final yet; null when none is open. */
  resumePoint(): ResumePoint | null {
    let earliest: ResumePoint | null = null
    for (const turns of this.turns.values()) {
      const point = turns.resumePoint()
      if (point && (!earliest || point.offset < earliest.offset)) earliest = point
    }
    return earliest
  }

  /** The transcript has gone quiet for good (OUTCOME_RULES.sessionIdleEndMs): settle every run still open. */
  sessionsOver(): TranslatedLine['events'] {
    const events: TranslatedLine['events'] = []
    for (const turns of this.turns.values()) for (const end of turns.sessionOver()) events.push(outcomeEvent(end))
    return events
  }

  translate(line: string, at: ResumePoint = { offset: 0, line: 0 }): TranslatedLine | { skipped: SkipReason } {
    let value: unknown
    try {
      value = JSON.parse(line)
    } catch {
      return { skipped: 'not-json' }
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return { skipped: 'not-an-object' }
    const d = value as Record<string, unknown>
    if (typeof d.type !== 'string') return { skipped: 'no-type' }
    const sessionId = typeof d.sessionId === 'string' && d.sessionId ? d.sessionId : this.fallbackSessionId
    if (!sessionId) return { skipped: 'no-session-id' }
    if (typeof d.cwd === 'string' && d.cwd) this.cwdBySession.set(sessionId, d.cwd)
    const cwd = this.cwdBySession.get(sessionId) ?? null
    const ts = typeof d.timestamp === 'string' && !Number.isNaN(Date.parse(d.timestamp)) ? new Date(d.timestamp).toISOString() : null
    if (!ts) return { skipped: 'no-timestamp' }

    const events: TranslatedLine['events'] = []
    const uuid = typeof d.uuid === 'string' ? d.uuid : `${sessionId}:${ts}`
    const message = (typeof d.message === 'object' && d.message !== null ? d.message : {}) as Record<string, unknown>
    const content = message.content
    const session = { session_id: sessionId }
    const turns = this.turnsOf(sessionId)
    const ends = (list: InferredRunEnd[]) => {
      for (const end of list) events.push(outcomeEvent(end))
    }

    const toolCalls: TranslatedLine['toolCalls'] = []
    const toolResults: TranslatedLine['toolResults'] = []
    if (d.type === 'assistant') {
      const model = typeof message.model === 'string' && message.model !== '<synthetic>' ? message.model : undefined
      const branch = typeof d.gitBranch === 'string' && d.gitBranch ? d.gitBranch : undefined
      if (model || branch) events.push({ ...session, type: 'session.started', id: `${uuid}:session`, ts, source: 'transcript', model, git_branch: branch })
      if (d.isApiErrorMessage === true) turns.apiError(ts)
      else turns.assistantActivity(ts)
      for (const block of blocks(content)) {
        if (block.type !== 'tool_use' || typeof block.id !== 'string') continue
        toolCalls.push({ id: block.id, name: typeof block.name === 'string' && block.name ? block.name.slice(0, 200) : 'unknown' })
        if (block.name !== 'Skill') {
          turns.toolCall(block.id, typeof block.name === 'string' ? block.name : '', block.input, ts)
          continue
        }
        const input = (block.input ?? {}) as Record<string, unknown>
        const skill = typeof input.skill === 'string' ? input.skill : typeof input.command === 'string' ? input.command : null
        if (!skill) continue
        this.skillCalls.set(block.id, skill)
        events.push({ ...session, type: 'skill.invoked', id: `${block.id}:invoked`, ts, invocation_id: block.id, skill, args: typeof input.args === 'string' ? input.args.slice(0, 10_000) : undefined })
        turns.startRun(block.id, skill, ts, at)
      }
    } else if (d.type === 'system') {
      if (d.subtype === 'api_error') turns.apiError(ts)
      else if (typeof d.subtype === 'string' && TURN_MARKERS.has(d.subtype) && d.isSidechain !== true) ends(turns.turnEnded(ts))
    } else if (d.type === 'user') {
      for (const block of blocks(content)) {
        if (block.type !== 'tool_result' || typeof block.tool_use_id !== 'string') continue
        const failed = block.is_error === true
        toolResults.push({ id: block.tool_use_id, failed: failed || isFailedToolUseResult(d.toolUseResult) })
        const skill = this.skillCalls.get(block.tool_use_id)
        if (skill) {
          ends(turns.skillResult(block.tool_use_id, ts, failed || isFailedToolUseResult(d.toolUseResult)))
          continue
        }
        const elsewhere = this.knownSkillCall(block.tool_use_id)
        if (elsewhere) {
          // A resumed session's result for a Skill call made in an earlier file: only an error says anything here.
          if (failed || isFailedToolUseResult(d.toolUseResult)) events.push(outcomeEvent({ sessionId, invocationId: block.tool_use_id, skill: elsewhere, ts, durationMs: 0, outcome: 'failed', evidence: { ...SKILL_TOOL_ERROR_EVIDENCE }, followUps: [], errorType: 'skill_tool_error' }, false))
          continue
        }
        ends(turns.toolResult(block.tool_use_id, failed, failed && TOOL_REJECTED.test(toolResultText(block.content)), ts))
      }
      if (d.isMeta !== true && d.isSidechain !== true) {
        const text = userText(content)
        const command = text ? COMMAND_NAME.exec(text) : null
        if (command) {
          const skill = skillFromCommand(command[1]!)
          ends(turns.prompt(ts, null, at))
          if (skill) {
            const args = COMMAND_ARGS.exec(text!)?.[1]?.trim()
            const invocationId = `cmd:${uuid}`
            events.push({ ...session, invocation_id: invocationId, skill, ts, type: 'skill.invoked', id: `${uuid}:invoked`, user_query: args || undefined })
            turns.startRun(invocationId, skill, ts, at)
          }
        } else if (text && INTERRUPTED.test(text)) {
          ends(turns.interrupt(ts))
        } else if (text && !NOT_TYPED.test(text)) {
          ends(turns.prompt(ts, text, at))
          events.push({ ...session, type: 'prompt.submitted', id: uuid, ts, prompt: text.slice(0, 100_000) })
        }
      } else if (d.isMeta !== true) {
        // A sub-agent's prompt is the main agent talking, not the user: no turn boundary, no prompt.
        const text = userText(content)
        if (text && !NOT_TYPED.test(text) && !INTERRUPTED.test(text)) events.push({ ...session, type: 'prompt.submitted', id: uuid, ts, prompt: text.slice(0, 100_000), from_agent: true })
      }
    }
    return { cwd, sessionId, ts, events, usage: usageOfLine(d), toolCalls, toolResults }
  }

  private turnsOf(sessionId: string): SessionTurns {
    let turns = this.turns.get(sessionId)
    if (!turns) this.turns.set(sessionId, (turns = new SessionTurns(sessionId)))
    return turns
  }
}

/** Same id for every report of one run: a later, better-informed report replaces the earlier one. */
function outcomeEvent(end: InferredRunEnd, withDuration = true): TranslatedLine['events'][number] {
  return {
    type: 'skill.outcome_inferred',
    id: `${end.invocationId}:outcome`,
    session_id: end.sessionId,
    invocation_id: end.invocationId,
    skill: end.skill,
    ts: end.ts,
    outcome: end.outcome,
    duration_ms: withDuration ? Math.min(end.durationMs, MAX_DURATION_MS) : undefined,
    error_type: end.errorType,
    follow_up_actions: end.followUps.length ? end.followUps : undefined,
    evidence: end.evidence,
  }
}

const MAX_DURATION_MS = 7 * 24 * 3600 * 1000

function toolResultText(content: unknown): string {
  if (typeof content === 'string') return content
  return blocks(content)
    .filter((b) => b.type === 'text' && typeof b.text === 'string')
    .map((b) => b.text as string)
    .join('\n')
}

function blocks(content: unknown): Array<Record<string, unknown>> {
  return Array.isArray(content) ? content.filter((b): b is Record<string, unknown> => typeof b === 'object' && b !== null) : []
}

/** A real user message's text: a plain string, or its text blocks (never tool results, which quote other text). */
function userText(content: unknown): string | null {
  if (typeof content === 'string') return content
  const list = blocks(content)
  if (list.some((b) => b.type === 'tool_result')) return null
  const texts = list.filter((b) => b.type === 'text' && typeof b.text === 'string').map((b) => b.text as string)
  return texts.length ? texts.join('\n') : null
}

function isFailedToolUseResult(result: unknown): boolean {
  if (typeof result === 'string') return /^error\b/i.test(result.trim())
  if (typeof result === 'object' && result !== null && 'success' in result) return (result as { success: unknown }).success === false
  return false
}
