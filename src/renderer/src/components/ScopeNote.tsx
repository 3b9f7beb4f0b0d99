import type { ScopeView } from '../../../shared/api/scope'

/** Says which projects and days the figures below cover, so numbers on different pages can be compared. */
export function ScopeNote({ scope }: { scope: ScopeView }) {
  return (
    <p className="scope-note" data-testid="scope">
      <span className="scope-label">Scope</span> {scope.label}. Rates count runs whose outcome is known; durations count ended runs.
    </p>
  )
}
