import { describeEvidence, type RunEvidence } from '../../../shared/api/outcomes'
import type { InvocationStatus } from '../../../shared/api/tracking'

const HOW: Record<string, string> = { explicit: 'reported', inferred: 'inferred' }

/** A run's outcome with how Session Buddy knows it: "failed (inferred): 2 of 3 test runs failed; …". */
export function RunOutcome({ status, outcomeSource, evidence }: { status: InvocationStatus; outcomeSource: 'explicit' | 'inferred' | null; evidence: RunEvidence | null }) {
  const how = outcomeSource ? HOW[outcomeSource] : status === 'running' ? 'not ended yet' : 'older derivation'
  return (
    <span className="run-outcome">
      <span className={`tag status-${status}`}>{status}</span> <span className="cell-sub">({how})</span>
      {evidence && <span className="evidence">: {describeEvidence(evidence)}</span>}
      {!evidence && outcomeSource === 'explicit' && <span className="evidence">: reported by the tracker, emit or MCP</span>}
    </span>
  )
}
