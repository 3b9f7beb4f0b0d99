import { useVirtualizer } from '@tanstack/react-virtual'
import { useCallback, useEffect, useRef, useState } from 'react'
import type { ConversationBlock, ConversationMessage, ConversationPage } from '../../../../shared/api/conversation'
import type { TimelineInvocation } from '../../../../shared/api/correlation'
import { callApi, useTransport } from '../../api/client'

/** Where to open the conversation: a tool call or a moment picked on the timeline. */
export type ConversationTarget = { toolUseId: string } | { ts: string }

const PAGE = 100

interface Loaded {
  page: ConversationPage
  messages: ConversationMessage[]
  /** First and one-past-last transcript line loaded. */
  from: number
  to: number
}

/**
 * The session's conversation from its transcript on disk: prompts, replies, thinking (folded) and
 * tool calls with their input and result (folded, errors marked), skill runs bracketing the messages
 * they span. Only the rows in view are in the DOM; pages load as the list scrolls.
 */
export function Conversation({ sessionId, runs, target, onPickMoment }: { sessionId: string; runs: TimelineInvocation[]; target: ConversationTarget | null; onPickMoment(ts: string): void }) {
  const transport = useTransport()
  const [file, setFile] = useState<string | undefined>(undefined)
  const [loaded, setLoaded] = useState<Loaded | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [focusLine, setFocusLine] = useState<number | null>(null)
  /** Where the list should scroll to, once per request: the line asked for, or the first line seen before earlier ones were added. */
  const [scrollTo, setScrollTo] = useState<{ line: number; seq: number } | null>(null)
  const busy = useRef(false)

  const fetchPage = useCallback(
    (input: { start?: number; limit?: number; around?: ConversationTarget; file?: string }) =>
      callApi(transport, 'session-conversation', { sessionId, limit: PAGE, ...input }).then(
        (page) => ({ page, error: null }),
        (e: Error) => ({ page: null, error: e.message }),
      ),
    [transport, sessionId],
  )

  // The first page, or the page around what was picked on the timeline.
  useEffect(() => {
    let cancelled = false
    void fetchPage({ file, ...(target ? { around: target } : {}) }).then(({ page, error }) => {
      if (cancelled) return
      setError(error)
      if (!page) return
      setLoaded({ page, messages: page.messages, from: page.start, to: page.next })
      setFocusLine(page.focus)
      setScrollTo(page.focus === null ? null : { line: page.focus, seq: Date.now() })
    })
    return () => {
      cancelled = true
    }
  }, [fetchPage, file, target])

  const more = async (direction: 'later' | 'earlier') => {
    if (!loaded || busy.current) return
    const { page, from, to } = loaded
    if (direction === 'later' ? page.complete && to >= page.total : from <= 0) return
    busy.current = true
    const start = direction === 'later' ? to : Math.max(0, from - PAGE)
    const { page: next, error } = await fetchPage({ file: page.file ?? undefined, start, limit: direction === 'later' ? PAGE : from - start })
    busy.current = false
    setError(error)
    if (!next) return
    // Adding earlier lines above keeps the reader where they were.
    if (direction === 'earlier' && loaded.messages[0]) setScrollTo({ line: loaded.messages[0].line, seq: Date.now() })
    setLoaded((current) =>
      current && {
        page: next,
        messages: direction === 'later' ? [...current.messages, ...next.messages] : [...next.messages, ...current.messages],
        from: direction === 'later' ? current.from : start,
        to: direction === 'later' ? next.next : current.to,
      },
    )
  }

  if (error) return <p className="form-error" role="alert">{error}</p>
  if (!loaded) return <p className="cell-sub">Reading the transcript…</p>
  const { page } = loaded
  if (page.files.length === 0) {
    return (
      <p className="empty-state">
        {page.missing.length
          ? `The transcript is gone from disk (Claude Code deletes them after 30 days): ${page.missing.join(', ')}. What Session Buddy kept is above: the timeline and the list in order.`
          : 'No Claude Code transcript is known for this session: it was recorded by hooks or the command line. What Session Buddy kept is above.'}
      </p>
    )
  }
  return (
    <div className="conversation">
      {page.files.length > 1 && (
        <label className="inline-field">
          Transcript{' '}
          <select value={page.file ?? ''} onChange={(e) => setFile(e.target.value)}>
            {page.files.map((f, i) => (
              <option key={f.path} value={f.path}>
                {f.kind === 'main' ? 'Main conversation' : `Sub-agent ${i}`} ({f.path.split(/[\\/]/).pop()}, {(f.bytes / 1e6).toFixed(1)} MB)
              </option>
            ))}
          </select>
        </label>
      )}
      {loaded.from > 0 && (
        <button type="button" className="link-button" onClick={() => void more('earlier')}>
          Show earlier messages
        </button>
      )}
      <MessageList loaded={loaded} runs={runs} focusLine={focusLine} scrollTo={scrollTo} openToolId={target && 'toolUseId' in target ? target.toolUseId : null} onNearEnd={() => void more('later')} onPickMoment={onPickMoment} />
    </div>
  )
}

function MessageList({
  loaded,
  runs,
  focusLine,
  scrollTo,
  openToolId,
  onNearEnd,
  onPickMoment,
}: {
  loaded: Loaded
  runs: TimelineInvocation[]
  focusLine: number | null
  scrollTo: { line: number; seq: number } | null
  openToolId: string | null
  onNearEnd(): void
  onPickMoment(ts: string): void
}) {
  const parent = useRef<HTMLDivElement>(null)
  const { messages } = loaded
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer re-renders this list itself; nothing here is memoised
  const virtualizer = useVirtualizer({ count: messages.length, getScrollElement: () => parent.current, estimateSize: () => 72, overscan: 6, measureElement: (el) => el.getBoundingClientRect().height })
  const items = virtualizer.getVirtualItems()
  const focusIndex = focusLine === null ? -1 : messages.findIndex((m) => m.line >= focusLine)

  // Scroll once per request (a later page arriving must not pull the reader back).
  const scrollIndex = scrollTo === null ? -1 : messages.findIndex((m) => m.line >= scrollTo.line)
  useEffect(() => {
    if (scrollIndex < 0) return
    virtualizer.scrollToIndex(scrollIndex, { align: 'start' })
    // Keyboard and screen reader users land on it too.
    const frame = requestAnimationFrame(() => parent.current?.querySelector<HTMLElement>(`[data-index="${scrollIndex}"]`)?.focus({ preventScroll: true }))
    return () => cancelAnimationFrame(frame)
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only a new request (seq) scrolls
  }, [scrollTo?.seq])
  useEffect(() => {
    const last = items.at(-1)
    if (last && last.index >= messages.length - 5) onNearEnd()
  })

  return (
    <div ref={parent} className="conversation-list" role="feed" aria-label="Conversation" aria-busy={false}>
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {items.map((item) => {
          const message = messages[item.index]!
          const run = runOf(message, runs)
          const opens = run && (item.index === 0 || runOf(messages[item.index - 1]!, runs) !== run)
          return (
            <article
              key={`${message.line}`}
              ref={virtualizer.measureElement}
              data-index={item.index}
              tabIndex={-1}
              aria-labelledby={`msg-${message.line}`}
              className={`message message-${message.role}${message.sidechain ? ' message-sidechain' : ''}${run ? ` in-run run-${run.status}` : ''}${item.index === focusIndex ? ' message-focus' : ''}`}
              style={{ position: 'absolute', top: 0, left: 0, right: 0, transform: `translateY(${item.start}px)` }}
            >
              {opens && (
                <p className="run-bracket">
                  Skill <strong>{run.skill}</strong> · <span className={`tag status-${run.status}`}>{run.status}</span>
                </p>
              )}
              <header className="message-head">
                <span id={`msg-${message.line}`} className="message-role">
                  {message.role === 'user' ? 'You' : message.sidechain ? 'Sub-agent' : 'Assistant'}
                </span>
                {message.ts && (
                  <button type="button" className="link-button message-time" onClick={() => onPickMoment(message.ts!)} title="Show this moment on the timeline">
                    {new Date(message.ts).toLocaleTimeString()}
                  </button>
                )}
              </header>
              {message.blocks.map((block, i) => (
                <Block key={i} block={block} open={block.kind === 'tool' && block.id === openToolId} />
              ))}
            </article>
          )
        })}
      </div>
    </div>
  )
}

function Block({ block, open }: { block: ConversationBlock; open: boolean }) {
  if (block.kind === 'text') return <p className="message-text">{block.text}</p>
  if (block.kind === 'thinking')
    return (
      <details className="message-thinking">
        <summary>Thinking</summary>
        <p className="message-text">{block.text}</p>
      </details>
    )
  const failed = block.result?.isError === true
  return (
    <details className={`tool-call${failed ? ' tool-call-error' : ''}`} data-tool-use-id={block.id} open={open || undefined}>
      <summary>
        <span className="tool-name">{block.name}</span> {block.result === null ? <span className="cell-sub">no result in the transcript</span> : failed ? <span className="tag status-failed">error</span> : <span className="tag status-completed">ok</span>}
      </summary>
      <div className="tool-io">
        <h4>Input</h4>
        <pre>{block.input}</pre>
        {block.result && (
          <>
            <h4>{failed ? 'Error' : 'Result'}</h4>
            <pre>{block.result.text || '(empty)'}</pre>
          </>
        )}
      </div>
    </details>
  )
}

/** The skill run whose span holds the message, if any. */
function runOf(message: ConversationMessage, runs: TimelineInvocation[]): TimelineInvocation | undefined {
  if (!message.ts) return undefined
  const at = Date.parse(message.ts)
  return runs.find((r) => Date.parse(r.startedAt) <= at && (r.endedAt ? Date.parse(r.endedAt) : Infinity) >= at)
}
