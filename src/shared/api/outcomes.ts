import { plural } from '../plural'

/**
 * The signals an inferred run outcome rests on (docs/outcomes.md). Stored as JSON on each run and
 * shown beside its outcome, so every "failed" or "completed" can say how Session Buddy knows.
 */
export interface RunEvidence {
  /** What ended the run's span. */
  endedBy: 'turn-end' | 'next-prompt' | 'interrupt' | 'session-end' | 'skill-error' | 'timeout'
  /** The skill tool itself returned an error (the skill never loaded). */
  skillToolError?: boolean
  /** Assistant lines (text, thinking, tool calls) after the run's start: none means nothing happened in the span. */
  assistantReplies?: number
  /** Tool calls made inside the span, and how many of them returned an error. */
  toolCalls: number
  toolErrors: number
  /** Failing tool results at the end of the span with no success after them. */
  trailingFailures: number
  apiErrors: number
  /** Test runs seen in Bash calls inside the span. */
  testRuns: { passed: number; failed: number }
  /** The user interrupted or rejected a tool use. */
  interrupted: boolean
  /** What the user's next prompt was; 'pending' while none has come and the session may go on, 'none' once it is over. */
  nextPrompt: 'correction' | 'acceptance' | 'new-request' | 'pending' | 'none'
  /** The classifier rule behind nextPrompt (never the text). */
  nextPromptRule?: string
}

export type RunOutcome = 'completed' | 'failed' | 'abandoned' | 'unknown'


/** One sentence of evidence, e.g. "2 of 3 test runs failed, then the next prompt was a correction". */
export function describeEvidence(evidence: RunEvidence): string {
  const parts: string[] = []
  if (evidence.skillToolError) parts.push('the skill tool returned an error')
  if (evidence.interrupted) parts.push('the user interrupted')
  if (evidence.endedBy === 'session-end') parts.push('the session ended mid-run')
  if (evidence.endedBy === 'timeout') parts.push('no outcome came before the timeout')
  const tests = evidence.testRuns.passed + evidence.testRuns.failed
  if (tests > 0) parts.push(evidence.testRuns.failed > 0 ? `${evidence.testRuns.failed} of ${plural(tests, 'test run')} failed` : `${plural(tests, 'test run')} passed`)
  if (evidence.toolCalls > 0) {
    const calls = `${plural(evidence.toolCalls, 'tool call')}, ${evidence.toolErrors} failed`
    parts.push(evidence.trailingFailures > 0 ? `${calls}, ${evidence.trailingFailures === 1 ? 'the last one' : `the last ${evidence.trailingFailures}`} failing` : calls)
  } else if (!evidence.skillToolError) parts.push(evidence.assistantReplies === 0 ? 'nothing happened in its span' : 'no tool calls')
  if (evidence.apiErrors > 0) parts.push(plural(evidence.apiErrors, 'API error'))
  const next = {
    correction: 'then the next prompt was a correction',
    acceptance: 'then the next prompt accepted the work',
    'new-request': 'then the next prompt moved on to a new request',
    pending: 'no prompt has followed yet',
    none: 'no prompt followed before the session ended',
  }[evidence.nextPrompt]
  if (!evidence.skillToolError && !evidence.interrupted && evidence.endedBy !== 'session-end' && evidence.endedBy !== 'timeout') parts.push(next)
  return parts.join('; ')
}
