import { useState } from 'react'
import type { SkillMatchView } from '../../../../shared/api/search'
import { useApiMutation } from '../../api/client'
import { ScoreBreakdownBar } from './ScoreBreakdownBar'

export function SearchResultCard({ match, rank }: { match: SkillMatchView; rank: number }) {
  const open = useApiMutation('skill-file-open', [])
  const [copied, setCopied] = useState<'idle' | 'copied' | 'failed'>('idle')
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(match.invocation)
      setCopied('copied')
    } catch {
      setCopied('failed')
    }
    setTimeout(() => setCopied('idle'), 2000)
  }
  return (
    <li className="card search-result" aria-labelledby={`result-${rank}`}>
      <div className="search-result-head">
        <h3 id={`result-${rank}`} className="search-result-name">
          <span className="search-rank">{rank}.</span> {match.name}
          <span className="tag">{match.kind}</span>
          {match.projectName && <span className="tag">{match.projectName}</span>}
        </h3>
        <span className="search-score" aria-label={`score ${match.score.final.toFixed(2)}`}>
          {match.score.final.toFixed(2)}
        </span>
      </div>
      {match.description && <p className="search-description">{match.description}</p>}
      <ScoreBreakdownBar score={match.score} />
      <ul className="search-why">
        {match.score.explanation.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
      <div className="search-actions">
        <code className="search-invocation">{match.invocation}</code>
        <button type="button" onClick={() => void copy()}>
          {copied === 'copied' ? 'Copied' : copied === 'failed' ? 'Copy failed: select the text' : 'Copy invocation'}
        </button>
        <button type="button" onClick={() => open.mutate({ path: match.path })} disabled={open.isPending}>
          Open file
        </button>
        <span className="cell-sub search-path" title={match.path}>
          {match.path}
        </span>
      </div>
      {open.isError && (
        <p className="form-error" role="alert">
          {open.error.message}
        </p>
      )}
    </li>
  )
}
