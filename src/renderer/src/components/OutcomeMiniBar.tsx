import type { SkillOutcomeCounts } from '../../../shared/api/tracking'

const PARTS = ['completed', 'failed', 'abandoned', 'unknown'] as const

/** The share of each outcome as one thin bar; the numbers sit beside it in words, so the bar is decoration. */
export function OutcomeMiniBar({ counts }: { counts: Pick<SkillOutcomeCounts, (typeof PARTS)[number]> }) {
  const total = PARTS.reduce((n, p) => n + counts[p], 0)
  if (total === 0) return null
  return (
    <span className="outcome-mini" aria-hidden="true">
      {PARTS.map((p) => (counts[p] ? <span key={p} className={`outcome-mini-${p}`} style={{ flexGrow: counts[p] }} /> : null))}
    </span>
  )
}
