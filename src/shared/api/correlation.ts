import { z } from 'zod'
import { endpoint } from './endpoint'
import type { InvocationView, SessionHeader } from './tracking'

/** 'unknown' for sessions an importer made up (legacy rows without session ids): no pattern is read from them. */
export type SessionPattern = 'interactive' | 'automated' | 'mixed' | 'unknown'

/** An invocation on a session's timeline: everything the list view has but its source. */
export type TimelineInvocation = Omit<InvocationView, 'source'>

export interface TimelineNode {
  nodeId: string
  name: string
  status: 'running' | 'completed' | 'failed'
  startedAt: string
  endedAt: string | null
  durationMs: number | null
  error: string | null
}

export interface TimelineRun {
  id: number
  workflowId: string
  name: string
  status: 'running' | 'completed' | 'failed'
  startedAt: string
  endedAt: string | null
  durationMs: number | null
  nodes: TimelineNode[]
}

export interface TimelinePrompt {
  ts: string
  /** Null where the project does not store prompts. */
  text: string | null
}

export interface SessionTimeline extends SessionHeader {
  prompts: TimelinePrompt[]
  invocations: TimelineInvocation[]
  runs: TimelineRun[]
}

export interface IdleGap {
  from: string
  to: string
  durationMs: number
}

export interface SessionCorrelation {
  sessionId: string
  pattern: SessionPattern
  /** Why the pattern was chosen, in words, with the numbers behind it. */
  patternReason: string
  spanMs: number
  skillTimeMs: number
  workflowTimeMs: number
  idleMs: number
  idleGaps: IdleGap[]
  skills: { total: number; completed: number; failed: number; abandoned: number }
  nodes: { total: number; completed: number; failed: number }
  workflowRuns: number
  /** For each finished skill followed by a workflow run: how long until that run started. */
  skillToWorkflowDelays: Array<{ skill: string; invocationId: number; runName: string; delayMs: number }>
  medianSkillToWorkflowDelayMs: number | null
  /** Share of workflow runs that started within AUTOMATED_START_WINDOW_MS of a skill. */
  linkedRunShare: number | null
  failedNodesAfterSkills: Array<{ skill: string; node: string; runName: string; delayMs: number; error: string | null }>
}

export interface SessionSummary {
  id: string
  projectId: number
  projectName: string
  startedAt: string
  endedAt: string | null
  skills: string[]
  invocations: number
  failed: number
  abandoned: number
  workflowRuns: number
  pattern: SessionPattern
  /** The first stored prompt, where prompts are stored. */
  firstPrompt: string | null
  /** Tokens of the session's model replies (from its transcript); null when none were recorded. */
  tokens: number | null
  /** Their cost in US dollars from the price table; null when no tokens were recorded. */
  cost: number | null
  /** Some tokens are of a model with no known price: the cost leaves them out. */
  unpriced: boolean
}

export interface FacetCount {
  value: string
  label: string
  count: number
}

export interface SessionSearchResult {
  total: number
  sessions: SessionSummary[]
  facets: { projects: FacetCount[]; skills: FacetCount[]; statuses: FacetCount[]; patterns: FacetCount[] }
}

const sessionId = z.string().min(1).max(200)

export const sessionSearchInput = z
  .object({
    projectId: z.number().int().positive().optional(),
    from: z.iso.datetime({ offset: true }).optional(),
    to: z.iso.datetime({ offset: true }).optional(),
    skill: z.string().min(1).max(200).optional(),
    status: z.enum(['running', 'completed', 'failed', 'abandoned', 'unknown']).optional(),
    pattern: z.enum(['interactive', 'automated', 'mixed', 'unknown']).optional(),
    text: z.string().max(500).optional(),
    /** Newest first (the default), or the most tokens or the highest cost first. */
    sort: z.enum(['newest', 'tokens', 'cost']).optional(),
  })
  .strict()

export type SessionSearchInput = z.output<typeof sessionSearchInput>

export const correlationApi = {
  'sessions-search': endpoint<SessionSearchResult>()(sessionSearchInput),
  'session-timeline': endpoint<SessionTimeline>()(z.object({ sessionId }).strict()),
  'session-correlation': endpoint<SessionCorrelation>()(z.object({ sessionId }).strict()),
  'session-report': endpoint<{ fileName: string; mediaType: string; content: string }>()(
    z.object({ sessionId, format: z.enum(['md', 'json']).default('md') }).strict(),
  ),
}
