import { z } from 'zod'
import { EVENT_FORMAT_VERSION } from './event-log-file'

/**
 * The event log format, version 1: one JSON object per line in `<project>/.session-buddy/events/*.jsonl`.
 * These schemas are the definition; docs/event-format.md is generated from them (npm run docs:events).
 */

const text = (max: number) => z.string().min(1).max(max)

const base = {
  v: z.literal(EVENT_FORMAT_VERSION).describe('Format version'),
  id: text(200).describe('Unique id of this event (a UUID); a line seen twice is stored once'),
  ts: z.iso.datetime({ offset: true }).describe('When it happened: ISO-8601 with a UTC offset or Z'),
  session_id: text(200).describe('The assistant session (Claude Code session id, or your own)'),
}

const invocation = {
  invocation_id: text(200).describe('Ties invoked and its outcome together; the tool_use id for Claude Code skill calls'),
  skill: text(200).describe('Skill name, e.g. crackerjack-run or plugin:skill'),
}
const durationMs = z.number().int().nonnegative().max(7 * 24 * 3600 * 1000).describe('Milliseconds')
const workflowRun = { workflow_run_id: text(200).describe('One run of a workflow; ties its events together') }
const metadata = z.record(z.string(), z.unknown()).describe('Free-form details').optional()

export const sessionStarted = z
  .object({
    ...base,
    type: z.literal('session.started'),
    source: z.string().max(50).optional().describe('startup, resume, clear, compact, cli, ...'),
    model: z.string().max(200).optional(),
    git_branch: z.string().max(500).optional(),
  })
  .describe('A session began')

export const sessionEnded = z
  .object({ ...base, type: z.literal('session.ended'), reason: z.string().max(200).optional() })
  .describe('A session ended; its still-running skill invocations become abandoned')

export const promptSubmitted = z
  .object({
    ...base,
    type: z.literal('prompt.submitted'),
    prompt: z.string().max(100_000).optional().describe('Kept only for projects that allow storing prompts'),
    from_agent: z.literal(true).optional().describe("A sub-agent's prompt, written by the main agent rather than typed by the user"),
  })
  .describe('The user sent a request')

export const skillInvoked = z
  .object({
    ...base,
    ...invocation,
    type: z.literal('skill.invoked'),
    workflow_path: z.string().max(200).optional().describe('e.g. quick, comprehensive'),
    user_query: z.string().max(100_000).optional().describe('The request that led here (kept only where prompts are allowed)'),
    args: z.string().max(10_000).optional(),
  })
  .describe('A skill started')

export const skillCompleted = z
  .object({
    ...base,
    ...invocation,
    type: z.literal('skill.completed'),
    duration_ms: durationMs.optional(),
    follow_up_actions: z.array(z.string().max(500)).max(100).optional().describe('What the user did next, e.g. git commit'),
  })
  .describe('A skill finished its job')

export const skillFailed = z
  .object({
    ...base,
    ...invocation,
    type: z.literal('skill.failed'),
    error_type: text(200).describe('A short error class, e.g. tool_error or ValidationError'),
    duration_ms: durationMs.optional(),
    follow_up_actions: z.array(z.string().max(500)).max(100).optional(),
  })
  .describe('A skill ended in an error')

/** The `reason` of a `skill.abandoned` whose completer never came (a timeout): its end is not known, so it gets no end time or duration. */
export const TIMED_OUT = 'timed out'

export const skillAbandoned = z
  .object({ ...base, ...invocation, type: z.literal('skill.abandoned'), reason: z.string().max(200).optional().describe(`"${TIMED_OUT}" when its completer never came: no end time or duration is recorded`) })
  .describe('A skill was left unfinished')

const runEvidence = z
  .object({
    endedBy: z.enum(['turn-end', 'next-prompt', 'interrupt', 'session-end', 'skill-error', 'timeout']),
    skillToolError: z.boolean().optional(),
    assistantReplies: z.number().int().nonnegative().optional(),
    toolCalls: z.number().int().nonnegative(),
    toolErrors: z.number().int().nonnegative(),
    trailingFailures: z.number().int().nonnegative(),
    apiErrors: z.number().int().nonnegative(),
    testRuns: z.object({ passed: z.number().int().nonnegative(), failed: z.number().int().nonnegative() }),
    interrupted: z.boolean(),
    nextPrompt: z.enum(['correction', 'acceptance', 'new-request', 'pending', 'none']),
    nextPromptRule: z.string().max(100).optional(),
  })
  .describe('The signals the outcome rests on (docs/outcomes.md)')

export const skillOutcomeInferred = z
  .object({
    ...base,
    ...invocation,
    type: z.literal('skill.outcome_inferred'),
    outcome: z.enum(['completed', 'failed', 'abandoned', 'unknown']),
    duration_ms: durationMs.optional().describe('The span from the start to ts; absent when the end is not known'),
    error_type: z.string().max(200).optional(),
    follow_up_actions: z.array(z.string().max(500)).max(100).optional(),
    evidence: runEvidence,
  })
  .describe(
    'How a run ended, inferred by Session Buddy from what happened in its span (written by the transcript reader and the hook; ' +
      'may be sent again as more is known). Never overrides an explicit skill.completed, skill.failed or skill.abandoned',
  )

export const workflowStarted = z
  .object({
    ...base,
    ...workflowRun,
    type: z.literal('workflow.started'),
    workflow_id: text(200).describe('Which workflow (stable across runs)'),
    name: text(500),
    metadata,
  })
  .describe('A workflow run began')

export const workflowCompleted = z
  .object({
    ...base,
    ...workflowRun,
    type: z.literal('workflow.completed'),
    status: z.enum(['completed', 'failed']).default('completed'),
    duration_ms: durationMs.optional(),
    metadata,
  })
  .describe('A workflow run ended')

const node = { node_id: text(200), name: text(500).optional() }

export const workflowNodeStarted = z
  .object({ ...base, ...workflowRun, ...node, type: z.literal('workflow.node.started'), metadata })
  .describe('A step of a workflow run began')

export const workflowNodeCompleted = z
  .object({ ...base, ...workflowRun, ...node, type: z.literal('workflow.node.completed'), duration_ms: durationMs.optional(), metadata })
  .describe('A step finished')

export const workflowNodeFailed = z
  .object({
    ...base,
    ...workflowRun,
    ...node,
    type: z.literal('workflow.node.failed'),
    error: z.string().max(10_000).optional(),
    duration_ms: durationMs.optional(),
    metadata,
  })
  .describe('A step failed')

export const sessionBuddyEvent = z.discriminatedUnion('type', [
  sessionStarted,
  sessionEnded,
  promptSubmitted,
  skillInvoked,
  skillCompleted,
  skillFailed,
  skillAbandoned,
  skillOutcomeInferred,
  workflowStarted,
  workflowCompleted,
  workflowNodeStarted,
  workflowNodeCompleted,
  workflowNodeFailed,
])

export { EVENT_FORMAT_VERSION }
export type SessionBuddyEvent = z.output<typeof sessionBuddyEvent>
export type EventType = SessionBuddyEvent['type']
export type EventInput = z.input<typeof sessionBuddyEvent>
export const EVENT_TYPES = sessionBuddyEvent.options.map((o) => o.shape.type.value) as EventType[]

/** Parses one line; the error names the first wrong field so ingest can record a useful reason. */
export function parseEventLine(line: string): { ok: true; event: SessionBuddyEvent } | { ok: false; reason: string } {
  let json: unknown
  try {
    json = JSON.parse(line)
  } catch (error) {
    return { ok: false, reason: `not JSON: ${(error as Error).message}` }
  }
  const result = sessionBuddyEvent.safeParse(json)
  if (result.success) return { ok: true, event: result.data }
  const issue = result.error.issues[0]!
  return { ok: false, reason: `${issue.path.length ? issue.path.join('.') + ': ' : ''}${issue.message}` }
}
