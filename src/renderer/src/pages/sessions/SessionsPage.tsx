import { useVirtualizer } from '@tanstack/react-virtual'
import { useMemo, useRef, useState } from 'react'
import { Link } from 'wouter'
import type { SessionSearchInput, SessionSummary } from '../../../../shared/api/correlation'
import { useApiQuery } from '../../api/client'
import { useDebounced } from '../../api/use-debounced'
import { PageHeader } from '../../components/PageHeader'
import { QueryState } from '../../components/QueryState'
import { formatCost, formatDateTime, formatTokens } from '../../format'
import { FindInConversations } from './FindInConversations'
import { NO_FILTERS, SessionFilters, type SessionFilterState } from './SessionFilters'

const ROW_HEIGHT = 64

function toInput(f: SessionFilterState): SessionSearchInput {
  return {
    ...(f.projectId ? { projectId: Number(f.projectId) } : {}),
    ...(f.skill ? { skill: f.skill } : {}),
    ...(f.status ? { status: f.status as SessionSearchInput['status'] } : {}),
    ...(f.pattern ? { pattern: f.pattern as SessionSearchInput['pattern'] } : {}),
    ...(f.from ? { from: new Date(`${f.from}T00:00:00`).toISOString() } : {}),
    ...(f.to ? { to: new Date(`${f.to}T23:59:59.999`).toISOString() } : {}),
    ...(f.text.trim() ? { text: f.text.trim() } : {}),
    ...(f.sort ? { sort: f.sort as SessionSearchInput['sort'] } : {}),
  }
}

/** Filters can arrive in the link (see sessionsLink), e.g. from an insight's number. */
function filtersFromLink(query: string): SessionFilterState {
  const params = new URLSearchParams(query)
  const linked = Object.fromEntries((Object.keys(NO_FILTERS) as Array<keyof SessionFilterState>).filter((k) => params.has(k)).map((k) => [k, params.get(k)!]))
  return { ...NO_FILTERS, ...linked }
}

export function SessionsPage({ linkedFilters = '' }: { linkedFilters?: string }) {
  const [filters, setFilters] = useState<SessionFilterState>(() => filtersFromLink(linkedFilters))
  const input = useMemo(() => toInput(filters), [filters])
  const query = useApiQuery('sessions', 'sessions-search', useDebounced(input, 200))
  const projects = useApiQuery('projects', 'projects-list', {})
  return (
    <section aria-labelledby="page-title" className="sessions-page">
      <PageHeader title="Sessions" subtitle="Every assistant session in your registered projects, with what its model replies cost. Newest first, or sorted by cost or tokens." />
      <a
        className="skip-link"
        href="#sessions"
        onClick={(e) => {
          e.preventDefault()
          // The list may still be loading when the link is used: wait for its first session (a few seconds at most).
          const until = performance.now() + 3000
          const focusFirst = () => {
            const first = document.querySelector<HTMLElement>('.session-list a')
            if (first) first.focus()
            else if (performance.now() < until) requestAnimationFrame(focusFirst)
          }
          focusFirst()
        }}
      >
        Skip the filters to the sessions
      </a>
      <SessionFilters filters={filters} facets={query.data?.facets} onChange={setFilters} />
      <details className="find-panel">
        <summary>Find text in conversations</summary>
        <FindInConversations />
      </details>
      <QueryState query={query}>
        {(result) => (
          <>
            <p className="result-count" role="status">
              {result.total} {result.total === 1 ? 'session' : 'sessions'}
            </p>
            {result.total > 0 ? (
              <SessionList sessions={result.sessions} />
            ) : projects.data?.length === 0 ? (
              <p className="empty-state">
                No project is registered yet. <Link href="/welcome">Choose the projects to track</Link>: Session Buddy finds the folders Claude Code worked in.
              </p>
            ) : (
              <p className="empty-state">No session matches. Sessions arrive from the Claude Code hooks and imports of registered projects.</p>
            )}
          </>
        )}
      </QueryState>
    </section>
  )
}

/** Only the rows in view are in the DOM, so 10,000 sessions scroll as smoothly as 10. */
function SessionList({ sessions }: { sessions: SessionSummary[] }) {
  const parent = useRef<HTMLDivElement>(null)
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer re-renders this list itself; nothing here is memoised
  const virtualizer = useVirtualizer({ count: sessions.length, getScrollElement: () => parent.current, estimateSize: () => ROW_HEIGHT, overscan: 8 })
  return (
    <div ref={parent} className="session-list" role="list" aria-label="Sessions">
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {virtualizer.getVirtualItems().map((item) => {
          const s = sessions[item.index]!
          return (
            <div key={s.id} role="listitem" className="session-row" style={{ position: 'absolute', top: 0, left: 0, right: 0, height: ROW_HEIGHT, transform: `translateY(${item.start}px)` }}>
              <Link href={`/sessions/${encodeURIComponent(s.id)}`} className="session-link" aria-label={`Session of ${formatDateTime(s.startedAt)} in ${s.projectName}`}>
                <div className="session-when">
                  {formatDateTime(s.startedAt)}
                  <span className="cell-sub">{s.projectName}</span>
                </div>
                <div className="session-skills">
                  {s.skills.slice(0, 4).map((skill) => (
                    <span key={skill} className="chip">
                      {skill}
                    </span>
                  ))}
                  {s.skills.length > 4 && <span className="cell-sub">+{s.skills.length - 4}</span>}
                  {s.firstPrompt && <div className="cell-sub session-prompt">{s.firstPrompt}</div>}
                </div>
                <div className="session-counts">
                  {plural(s.invocations, 'skill')}
                  {s.failed ? `, ${s.failed} failed` : ''}
                  {s.abandoned ? `, ${s.abandoned} abandoned` : ''} · {plural(s.workflowRuns, 'run')}
                </div>
                <div className="session-usage" title={s.unpriced ? 'Some tokens are of a model with no known price: the cost leaves them out' : undefined}>
                  {s.tokens === null ? (
                    <span className="cell-sub">no token data</span>
                  ) : (
                    <>
                      {formatCost(s.cost)}
                      {s.unpriced && '*'}
                      <span className="cell-sub">{formatTokens(s.tokens)} tokens</span>
                    </>
                  )}
                </div>
                <span className={`tag pattern-${s.pattern}`}>{s.pattern}</span>
              </Link>
            </div>
          )
        })}
      </div>
    </div>
  )
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`
