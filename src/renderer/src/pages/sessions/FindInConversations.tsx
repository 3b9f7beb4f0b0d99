import { useEffect, useState } from 'react'
import { Link } from 'wouter'
import type { ConversationHit, ConversationSearchState } from '../../../../shared/api/conversation'
import { callApi, useTransport } from '../../api/client'
import { formatDateTime } from '../../format'
import { sessionMomentLink } from '../session/SessionPage'

const POLL_MS = 150

/** Finds a phrase in the conversations of registered projects, read from their transcripts; hits appear as they are found. */
export function FindInConversations() {
  const transport = useTransport()
  const [text, setText] = useState('')
  const [search, setSearch] = useState<ConversationSearchState | null>(null)
  const [error, setError] = useState<string | null>(null)
  const running = search !== null && !search.done

  useEffect(() => {
    if (!search || search.done) return
    const timer = setTimeout(() => {
      callApi(transport, 'conversation-search-results', { id: search.id, after: search.hits.length }).then(
        (next) => setSearch((current) => current && current.id === next.id ? { ...next, hits: [...current.hits, ...next.hits] } : current),
        (e: Error) => setError(e.message),
      )
    }, POLL_MS)
    return () => clearTimeout(timer)
  }, [search, transport])

  const start = async () => {
    setError(null)
    try {
      const { id } = await callApi(transport, 'conversation-search-start', { text })
      setSearch({ id, text: text.trim(), hits: [], filesSearched: 0, files: 0, bytes: 0, done: false, cancelled: false, capped: false, elapsedMs: 0 })
    } catch (e) {
      setError((e as Error).message)
    }
  }

  return (
    <section className="find-in-conversations" aria-labelledby="find-title">
      <form
        role="search"
        aria-labelledby="find-title"
        onSubmit={(e) => {
          e.preventDefault()
          void start()
        }}
      >
        <label id="find-title" htmlFor="find-text">
          Find in conversations
        </label>
        <div className="input-row">
          <input id="find-text" type="text" value={text} onChange={(e) => setText(e.target.value)} placeholder="a phrase from a prompt, a reply or a tool's output" />
          <button type="submit" disabled={text.trim().length < 2 || running}>
            Find
          </button>
          {running && (
            <button type="button" onClick={() => void callApi(transport, 'conversation-search-cancel', { id: search.id })}>
              Cancel
            </button>
          )}
        </div>
      </form>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {search && <SearchResults search={search} />}
    </section>
  )
}

function SearchResults({ search }: { search: ConversationSearchState }) {
  const sessions = new Map<string, ConversationHit[]>()
  for (const hit of search.hits) sessions.set(hit.sessionId, [...(sessions.get(hit.sessionId) ?? []), hit])
  const status = search.done
    ? `${search.hits.length}${search.capped ? '+' : ''} ${search.hits.length === 1 ? 'match' : 'matches'} in ${sessions.size} ${sessions.size === 1 ? 'session' : 'sessions'} · ${search.filesSearched} transcripts, ${(search.bytes / 1e6).toFixed(1)} MB in ${(search.elapsedMs / 1000).toFixed(1)} s${search.cancelled ? ' · cancelled' : ''}${search.capped ? ' · stopped at 500: narrow the phrase' : ''}`
    : `Searching… ${search.filesSearched} of ${search.files || '?'} transcripts · ${search.hits.length} ${search.hits.length === 1 ? 'match' : 'matches'} so far`
  return (
    <div className="find-results">
      <p className="result-count" role="status">
        {status}
      </p>
      {sessions.size > 0 && (
        <ul className="plain-list card" aria-label={`Conversations containing “${search.text}”`}>
          {[...sessions.entries()].map(([sessionId, hits]) => (
            <li key={sessionId}>
              <p className="cell-sub">
                {hits[0]!.projectName} · session {sessionId}
              </p>
              <ul className="find-hits">
                {hits.slice(0, 5).map((hit, i) => (
                  <li key={i}>
                    <Link href={hit.ts ? sessionMomentLink(sessionId, hit.ts) : `/sessions/${encodeURIComponent(sessionId)}`}>
                      {hit.ts ? formatDateTime(hit.ts) : 'open'}
                    </Link>{' '}
                    <span className="cell-sub">
                      {hit.role === 'user' ? 'you' : 'assistant'}, {hit.where}:
                    </span>{' '}
                    …{hit.before}
                    <mark>{hit.match}</mark>
                    {hit.after}…
                  </li>
                ))}
                {hits.length > 5 && <li className="cell-sub">and {hits.length - 5} more in this session</li>}
              </ul>
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}
