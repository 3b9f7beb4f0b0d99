import type { SkillMatchView } from '../../../../shared/api/search'
import { useApiMutation } from '../../api/client'
import { CopyButton } from '../../components/CopyButton'
import { FeedbackButtons } from './FeedbackButtons'
import { ScoreParts, ScoreTrack } from './ScoreBreakdown'

/** One ranked skill in a few lines: name, score, what it does, how to run it; the breakdown opens on demand. */
export function SearchResultCard({ match, rank, recommendationId }: { match: SkillMatchView; rank: number; recommendationId: number | null }) {
  const open = useApiMutation('skill-file-open', [])
  return (
    <li className="card search-result" aria-labelledby={`result-${rank}`}>
      <div className="search-result-head">
        <h3 id={`result-${rank}`} className="search-result-name">
          <span className="search-rank">{rank}.</span> {match.name}
          <span className="tag">{match.kind}</span>
          {match.projectName && <span className="tag">{match.projectName}</span>}
        </h3>
        <span className="search-score-box">
          <ScoreTrack score={match.score} />
          <span className="search-score" aria-label={`score ${match.score.final.toFixed(2)}`}>
            {match.score.final.toFixed(2)}
          </span>
        </span>
      </div>
      {match.description && <p className="search-description">{match.description}</p>}
      <div className="search-actions">
        <code className="search-invocation">{match.invocation}</code>
        <CopyButton text={match.invocation} label="Copy invocation" />
        <button type="button" onClick={() => open.mutate({ path: match.path })} disabled={open.isPending}>
          Open file
        </button>
        <FeedbackButtons recommendationId={recommendationId} skill={match.name} />
      </div>
      {open.isError && (
        <div className="form-error open-fallback" role="alert">
          <p>{open.error.message}</p>
          <div className="search-actions">
            <CopyButton text={match.path} label="Copy path" />
            <button type="button" onClick={() => open.mutate({ path: match.path, reveal: true })} disabled={open.isPending}>
              Show in folder
            </button>
          </div>
        </div>
      )}
      <details className="search-why-details">
        <summary>Why this score</summary>
        <ScoreParts score={match.score} />
        <ul className="search-why">
          {match.score.explanation.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
        <p className="cell-sub search-path">
          <span title={match.path}>{match.path}</span> <CopyButton className="link-button" text={match.path} label="Copy path" />
        </p>
      </details>
    </li>
  )
}
