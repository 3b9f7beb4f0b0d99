import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { SKILL_TOOL_ERROR_EVIDENCE } from '../outcomes/outcome-rules'
import type { NewEvent } from '../events/event-writer'
import { skillFromCommand } from '../imports/claude-code/builtin-commands'

/** The fields of a Claude Code hook payload Session Buddy reads (all events carry session_id, cwd, hook_event_name). */
export interface HookPayload {
  hook_event_name?: string
  session_id?: string
  cwd?: string
  source?: string
  model?: string
  reason?: string
  prompt?: string
  tool_name?: string
  tool_input?: Record<string, unknown>
  tool_use_id?: string
  tool_response?: unknown
  error?: string
}

/** The events one hook payload means; none for payloads Session Buddy does not track. */
export function eventsForHook(payload: HookPayload, projectPath: string, home = os.homedir()): NewEvent[] {
  const session_id = payload.session_id
  if (!session_id) throw new Error('hook payload has no session_id')
  switch (payload.hook_event_name) {
    case 'SessionStart':
      return [{ type: 'session.started', session_id, source: payload.source, model: payload.model }]
    case 'SessionEnd':
      return [{ type: 'session.ended', session_id, reason: payload.reason }]
    case 'UserPromptSubmit': {
      const events: NewEvent[] = [{ type: 'prompt.submitted', session_id, prompt: payload.prompt }]
      const command = /^\/([A-Za-z0-9_.:-]+)(?:\s+([\s\S]*))?$/.exec(payload.prompt?.trim() ?? '')
      const skill = command ? skillFromCommand(command[1]!) : null
      if (skill && isKnownSkill(skill, projectPath, home)) {
        const invocation_id = `cmd:${crypto.randomUUID()}`
        // How it went is known only when its turn ends: the transcript reader infers that (docs/outcomes.md).
        events.push({ type: 'skill.invoked', session_id, invocation_id, skill, user_query: command![2]?.trim() || undefined })
      }
      return events
    }
    case 'PreToolUse':
    case 'PostToolUse':
    case 'PostToolUseFailure': {
      if (payload.tool_name !== 'Skill') return []
      const skill = typeof payload.tool_input?.skill === 'string' ? payload.tool_input.skill : null
      if (!skill || !payload.tool_use_id) throw new Error(`${payload.hook_event_name} for Skill without tool_input.skill or tool_use_id`)
      const invocation = { session_id, invocation_id: payload.tool_use_id, skill }
      if (payload.hook_event_name === 'PreToolUse') {
        const args = typeof payload.tool_input?.args === 'string' ? payload.tool_input.args.slice(0, 10_000) : undefined
        return [{ type: 'skill.invoked', ...invocation, args }]
      }
      // A successful result only says the skill file loaded; the run goes on until its turn ends, and the
      // transcript reader infers its outcome then. A failed result is the skill tool's own error.
      if (!skillFailed(payload)) return []
      return [{ type: 'skill.outcome_inferred', ...invocation, outcome: 'failed', duration_ms: 0, error_type: 'skill_tool_error', evidence: SKILL_TOOL_ERROR_EVIDENCE }]
    }
    default:
      return []
  }
}

function skillFailed(payload: HookPayload): boolean {
  if (payload.hook_event_name === 'PostToolUseFailure') return true
  const response = payload.tool_response
  if (typeof response === 'string') return /^error\b/i.test(response.trim())
  if (typeof response === 'object' && response !== null) {
    const r = response as Record<string, unknown>
    return r.success === false || r.is_error === true
  }
  return false
}

/** A slash command counts as a skill when a skill or command file of that name exists for the project or user. */
export function isKnownSkill(name: string, projectPath: string, home: string): boolean {
  // Plugin skills and commands are `plugin:name`; Claude Code's own commands never have a colon.
  if (name.includes(':')) return true
  return [projectPath, home].some(
    (root) =>
      fs.existsSync(path.join(root, '.claude', 'skills', name, 'SKILL.md')) ||
      fs.existsSync(path.join(root, '.claude', 'skills', `${name}.md`)) ||
      fs.existsSync(path.join(root, '.claude', 'commands', `${name}.md`)),
  )
}
