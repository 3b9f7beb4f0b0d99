import type { ScoreBreakdown } from '../../../../shared/api/search'

/** Weights of the ranking formula, mirrored from main so the bar shows each part's real share. */
const PARTS = [
  { key: 'semantic', label: 'Relevance', weight: 0.6, className: 'score-relevance' },
  { key: 'effectiveness', label: 'Effectiveness', weight: 0.3, className: 'score-effectiveness' },
  { key: 'context', label: 'Context', weight: 0.1, className: 'score-context' },
] as const

const pct = (x: number) => `${Math.round(x * 100)}%`

/**
 * The final score as a thin stacked bar: each part's weighted contribution, scaled by the penalty
 * factor, on a 0–1 track. ScoreParts gives the same numbers as text.
 */
export function ScoreTrack({ score }: { score: ScoreBreakdown }) {
  return (
    <span className="score-track" aria-hidden="true">
      {PARTS.map((part) => {
        const contribution = part.weight * score[part.key] * score.penalty
        return (
          <span
            key={part.key}
            className={`score-segment ${part.className}`}
            style={{ width: `${contribution * 100}%` }}
            title={`${part.label}: ${part.weight} × ${pct(score[part.key])}${score.penalty < 1 ? ` × penalty ${score.penalty.toFixed(2)}` : ''}`}
          />
        )
      })}
    </span>
  )
}

/** Each part of the score, its weight and the penalties, in words. */
export function ScoreParts({ score }: { score: ScoreBreakdown }) {
  return (
    <dl className="score-parts">
      {PARTS.map((part) => (
        <div key={part.key} className="score-part">
          <dt>
            <span className={`score-swatch ${part.className}`} aria-hidden="true" />
            {part.label} <span className="cell-sub">×{part.weight}</span>
          </dt>
          <dd>{pct(score[part.key])}</dd>
        </div>
      ))}
      <div className="score-part">
        <dt>Penalty</dt>
        <dd>{score.penalties.length ? `×${score.penalty.toFixed(2)} (${score.penalties.join(', ')})` : 'none'}</dd>
      </div>
      {score.relevance && (
        <div className="score-part">
          <dt>Relevance from</dt>
          <dd>
            wording {pct(score.relevance.wording)} · meaning {pct(score.relevance.meaning)}
            {score.relevance.ngram !== undefined && <> · word parts {pct(score.relevance.ngram)}</>}
            {score.relevance.history > 0 && <> · past requests +{pct(score.relevance.history)}</>}
          </dd>
        </div>
      )}
    </dl>
  )
}
