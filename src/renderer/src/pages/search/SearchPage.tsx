import { useEffect, useRef, useState } from 'react'
import { useApiQuery } from '../../api/client'
import { useDebounced } from '../../api/use-debounced'
import { PageHeader } from '../../components/PageHeader'
import { ProjectSelect } from '../../components/ProjectSelect'
import { QueryState } from '../../components/QueryState'
import { CatalogueStatus } from './CatalogueStatus'
import { SearchHealth } from './SearchHealth'
import { SearchResultCard } from './SearchResultCard'

export function SearchPage() {
  const [text, setText] = useState('')
  const [submitted, setSubmitted] = useState('')
  const [projectId, setProjectId] = useState<number | undefined>(undefined)
  const typed = useDebounced(text.trim(), 300)
  // Enter searches at once; otherwise the request settles for 300 ms first.
  const query = submitted === text.trim() ? submitted : typed
  const input = useRef<HTMLInputElement>(null)
  useEffect(() => input.current?.focus(), [])

  const status = useApiQuery('skills', 'catalogue-status', {})
  const found = useApiQuery('skills', 'skills-find', { query: query || ' ', limit: 10, source: 'ui', ...(projectId ? { projectId } : {}) }, { enabled: query.length > 0 })

  return (
    <section aria-labelledby="page-title">
      <PageHeader
        title="Search"
        subtitle="Describe what you want done. Skills are ranked by relevance (0.6), tracked effectiveness (0.3) and context (0.1), times penalties, and each score is explained."
      />
      <form
        className="search-form"
        role="search"
        onSubmit={(e) => {
          e.preventDefault()
          setSubmitted(text.trim())
        }}
      >
        <label htmlFor="search-request" className="visually-hidden">
          Request
        </label>
        <input
          id="search-request"
          ref={input}
          type="search"
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder="e.g. my tests fail and I can't see why"
          autoComplete="off"
        />
        <ProjectSelect label="Context" emptyLabel="No project" value={projectId} onChange={setProjectId} />
        <button type="submit">Search</button>
      </form>
      {status.data && <CatalogueStatus status={status.data} />}
      <SearchHealth latest={found.data?.recommendationId ?? null} />
      {query.length === 0 ? (
        status.data?.skills === 0 && status.data.commands === 0 ? (
          <p className="empty-state">
            No skills catalogued yet. Register a project with <code>.claude/skills</code> or <code>.claude/commands</code> on the Projects page, put skills in{' '}
            <code>~/.claude/skills</code>, or add an extra folder in the catalogue settings above.
          </p>
        ) : null
      ) : (
        <QueryState query={found}>
          {(result) =>
            result.results.length === 0 ? (
              <p className="empty-state">No skill matches “{result.query}” among {result.skillsIndexed}.</p>
            ) : (
              <>
                <p className="result-count" role="status">
                  {result.results.length} {result.results.length === 1 ? 'skill' : 'skills'} for “{result.query}” · {result.mode === 'hybrid' ? 'wording, word parts and meaning' : 'wording and word parts'} · {result.tookMs} ms
                </p>
                {result.noClearMatch && (
                  <p className="banner no-clear-match" data-testid="no-clear-match">
                    <strong>No skill clearly fits this request.</strong> Closest:
                  </p>
                )}
                <ol className="search-results" aria-label="Ranked skills">
                  {result.results.map((match, i) => (
                    <SearchResultCard key={match.path} match={match} rank={i + 1} recommendationId={result.recommendationId} />
                  ))}
                </ol>
              </>
            )
          }
        </QueryState>
      )}
    </section>
  )
}
