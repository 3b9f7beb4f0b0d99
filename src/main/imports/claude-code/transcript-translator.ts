import type { NewEvent } from '../../events/event-writer'
import { skillFromCommand } from './builtin-commands'

/** What one transcript line says, as Session Buddy events for one working folder. */
export interface TranslatedLine {
  cwd: string | null
  sessionId: string
  ts: string
  events: Array<NewEvent & { id: string; ts: string }>
}

export type SkipReason = 'not-json' | 'not-an-object' | 'no-type' | 'no-session-id' | 'no-timestamp'

const COMMAND_NAME = /<command-name>([^<]*)<\/command-name>/
const COMMAND_ARGS = /<command-args>([\s\S]*?)<\/command-args>/

/**
 * Turns Claude Code transcript lines into events: session details, user prompts, Skill tool calls and
 * their results, and user-typed slash commands naming a skill. Keeps a little state per file
 * (the session's folder, which tool_use ids are Skill calls) since results come on later lines.
 */
export class TranscriptTranslator {
  private readonly cwdBySession = new Map<string, string>()
  private readonly skillCalls = new Map<string, string>()

  constructor(
    private readonly fallbackSessionId: string,
    /** Finds Skill calls made in another file (a resumed session's result can land in a new file). */
    private readonly knownSkillCall: (toolUseId: string) => string | undefined = () => undefined,
  ) {}

  translate(line: string): TranslatedLine | { skipped: SkipReason } {
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

    if (d.type === 'assistant') {
      const model = typeof message.model === 'string' && message.model !== '<synthetic>' ? message.model : undefined
      const branch = typeof d.gitBranch === 'string' && d.gitBranch ? d.gitBranch : undefined
      if (model || branch) events.push({ ...session, type: 'session.started', id: `${uuid}:session`, ts, source: 'transcript', model, git_branch: branch })
      for (const block of blocks(content)) {
        if (block.type === 'tool_use' && block.name === 'Skill' && typeof block.id === 'string') {
          const input = (block.input ?? {}) as Record<string, unknown>
          const skill = typeof input.skill === 'string' ? input.skill : typeof input.command === 'string' ? input.command : null
          if (!skill) continue
          this.skillCalls.set(block.id, skill)
          events.push({ ...session, type: 'skill.invoked', id: `${block.id}:invoked`, ts, invocation_id: block.id, skill, args: typeof input.args === 'string' ? input.args.slice(0, 10_000) : undefined })
        }
      }
    } else if (d.type === 'user') {
      for (const block of blocks(content)) {
        if (block.type !== 'tool_result' || typeof block.tool_use_id !== 'string') continue
        const skill = this.skillCalls.get(block.tool_use_id) ?? this.knownSkillCall(block.tool_use_id)
        if (!skill) continue
        const failed = block.is_error === true || isFailedToolUseResult(d.toolUseResult)
        const common = { ...session, id: `${block.tool_use_id}:result`, ts, invocation_id: block.tool_use_id, skill }
        events.push(failed ? { ...common, type: 'skill.failed', error_type: 'skill_tool_error' } : { ...common, type: 'skill.completed' })
      }
      if (d.isMeta !== true) {
        const text = userText(content)
        const command = text ? COMMAND_NAME.exec(text) : null
        if (command) {
          const skill = skillFromCommand(command[1]!)
          if (skill) {
            const args = COMMAND_ARGS.exec(text!)?.[1]?.trim()
            const invocation = { ...session, invocation_id: `cmd:${uuid}`, skill, ts }
            events.push({ ...invocation, type: 'skill.invoked', id: `${uuid}:invoked`, user_query: args || undefined })
            events.push({ ...invocation, type: 'skill.completed', id: `${uuid}:completed` })
          }
        } else if (text && !text.startsWith('<local-command-') && !text.startsWith('Caveat:')) {
          events.push({ ...session, type: 'prompt.submitted', id: uuid, ts, prompt: text.slice(0, 100_000) })
        }
      }
    }
    return { cwd, sessionId, ts, events }
  }
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
