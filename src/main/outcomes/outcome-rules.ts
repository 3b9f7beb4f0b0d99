import type { RunEvidence, RunOutcome } from '../../shared/api/outcomes'

/**
 * How a run's outcome follows from its evidence. Named so docs/outcomes.md and the tests cite them.
 * Explicit outcomes (tracker complete(), emit, MCP complete_invocation) always win over these.
 */
export const OUTCOME_RULES = {
  /** A span that ends on this many failing tool results in a row, with no success after, failed. */
  failingTailCalls: 2,
  /** A transcript with a run still open and no new line for this long is a session that ended mid-run. */
  sessionIdleEndMs: 4 * 3600_000,
} as const

/** Bumped whenever the same input would now give other outcomes; `session-buddy rebuild` re-derives older rows. */
export const CURRENT_DERIVATION = 2

/**
 * abandoned: interrupted, or the session ended mid-run.
 * failed: the skill tool errored; the next prompt is a correction; or the span ended on failing calls
 *   (OUTCOME_RULES.failingTailCalls in a row, or a last test run that failed) with no success after.
 * completed: the turn ended normally and what followed was no correction.
 * unknown: nothing happened in the span, or the turn ended but nothing has followed yet: too little to say.
 */
export function inferOutcome(evidence: RunEvidence): RunOutcome {
  if (evidence.skillToolError) return 'failed'
  if (evidence.interrupted || evidence.endedBy === 'session-end' || evidence.endedBy === 'timeout') return 'abandoned'
  if (evidence.nextPrompt === 'correction') return 'failed'
  if (evidence.trailingFailures >= OUTCOME_RULES.failingTailCalls) return 'failed'
  if (evidence.assistantReplies === 0 && evidence.toolCalls === 0) return 'unknown'
  if (evidence.nextPrompt === 'pending') return 'unknown'
  return 'completed'
}

/** Evidence with no signal yet but how the run ended. */
export function bareEvidence(endedBy: RunEvidence['endedBy'], nextPrompt: RunEvidence['nextPrompt'] = 'none'): RunEvidence {
  return { endedBy, toolCalls: 0, toolErrors: 0, trailingFailures: 0, apiErrors: 0, testRuns: { passed: 0, failed: 0 }, interrupted: false, nextPrompt }
}

/** The evidence of a run whose skill tool itself returned an error: it never started its work. */
export const SKILL_TOOL_ERROR_EVIDENCE: RunEvidence = { ...bareEvidence('skill-error', 'pending'), skillToolError: true }
