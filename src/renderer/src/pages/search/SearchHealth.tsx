import { useEffect } from 'react'
import type { FollowThrough, RecommendationMetricsView } from '../../../../shared/api/recommendations'
import { useApiQuery } from '../../api/client'
import { RECOMMENDATION_SOURCE_LABELS } from '../../components/recommendation-sources'
import { formatRate } from '../../format'

const DAYS = 30

/** Share of settled recommendations, as "n of m (p)". */
function settledShare(count: number, counts: FollowThrough): string {
  return counts.settled === 0 ? `${count}` : `${count} of ${counts.settled} (${formatRate(count / counts.settled)})`
}

/** "How search is doing": what real use says about recommendations, next to the offline evaluation. */
export function SearchHealth({ latest }: { latest: number | null }) {
  const metrics = useApiQuery('skills', 'recommendations-metrics', { days: DAYS })
  // A search recorded a new recommendation (recording publishes no change, so count it in here).
  const { refetch } = metrics
  useEffect(() => {
    if (latest !== null) void refetch()
  }, [latest, refetch])
  const view = metrics.data
  if (!view || view.overall.recommendations === 0) return null
  return (
    <section className="card search-health" aria-labelledby="search-health-title">
      <h2 id="search-health-title" className="subsection-title">
        How search is doing <span className="cell-sub">· last {DAYS} days, in real use</span>
      </h2>
      <FollowThroughLine counts={view.overall} view={view} />
      {view.bySource.length > 1 && (
        <details>
          <summary>By source</summary>
          <ul className="plain-list">
            {view.bySource.map((s) => (
              <li key={s.source}>
                <strong>{RECOMMENDATION_SOURCE_LABELS[s.source]}</strong>: <FollowThroughLine counts={s} view={view} />
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  )
}

function FollowThroughLine({ counts, view }: { counts: FollowThrough; view: RecommendationMetricsView }) {
  const open = counts.recommendations - counts.settled
  return (
    <p className="search-health-line" data-testid="follow-through">
      {counts.recommendations} recommended{open > 0 && <span className="cell-sub"> ({open} still within {view.windowMinutes} min)</span>} · followed {settledShare(counts.followed, counts)} ·
      accepted at #1 {settledShare(counts.acceptedAtRank1, counts)} · in top 3 {settledShare(counts.acceptedInTop3, counts)} · ran something not shown{' '}
      {settledShare(counts.ranNotShown, counts)} · completed after following{' '}
      {counts.followedWithOutcome ? `${counts.followedCompleted} of ${counts.followedWithOutcome} (${formatRate(counts.followedCompleted / counts.followedWithOutcome)})` : 'unknown'} · marked
      helpful {counts.helpful} · not helpful {counts.unhelpful}
    </p>
  )
}
