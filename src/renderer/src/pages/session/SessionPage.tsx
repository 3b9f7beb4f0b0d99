import { useMemo, useRef, useState } from 'react'
import { Link } from 'wouter'
import type { SessionCorrelation } from '../../../../shared/api/correlation'
import { callApi, useApiQuery, useTransport } from '../../api/client'
import { PageHeader } from '../../components/PageHeader'
import { QueryState } from '../../components/QueryState'
import { formatDateTime, formatDuration } from '../../format'
import { SessionActivity } from './SessionActivity'
import { SessionUsage } from './SessionUsage'
import { Conversation, type ConversationTarget } from './Conversation'
import { Timeline } from './Timeline'
import { layoutTimeline, type TimelineBar } from './timeline-layout'
import { ToolStats } from './ToolStats'

/** Links that open a session at one tool call or one moment of its conversation. */
export const sessionCallLink = (sessionId: string, toolUseId: string) => `/sessions/${encodeURIComponent(sessionId)}/call/${encodeURIComponent(toolUseId)}`
export const sessionMomentLink = (sessionId: string, ts: string) => `/sessions/${encodeURIComponent(sessionId)}/at/${encodeURIComponent(ts)}`

export function SessionPage({ id, atToolUseId, atTime }: { id: string; atToolUseId?: string; atTime?: string }) {
  const transport = useTransport()
  const timeline = useApiQuery('sessions', 'session-timeline', { sessionId: id })
  const correlation = useApiQuery('sessions', 'session-correlation', { sessionId: id })
  const tools = useApiQuery('sessions', 'session-tools', { sessionId: id })
  const layout = useMemo(() => (timeline.data ? layoutTimeline(timeline.data, correlation.data, tools.data?.calls) : null), [timeline.data, correlation.data, tools.data])
  const [target, setTarget] = useState<ConversationTarget | null>(atToolUseId ? { toolUseId: atToolUseId } : atTime ? { ts: atTime } : null)
  const [marker, setMarker] = useState<number | null>(null)
  const conversationRef = useRef<HTMLElement>(null)
  const timelineRef = useRef<HTMLDivElement>(null)
  // A bar picked on the timeline opens the conversation there.
  const onSelect = (bar: TimelineBar) => {
    setTarget(bar.kind === 'tool' && bar.ref ? { toolUseId: bar.ref } : { ts: new Date(bar.start).toISOString() })
    conversationRef.current?.scrollIntoView({ block: 'start' })
  }
  // A moment picked in the conversation shows on the timeline.
  const onPickMoment = (ts: string) => {
    setMarker(Date.parse(ts))
    timelineRef.current?.scrollIntoView({ block: 'nearest' })
  }

  const exportReport = async (format: 'md' | 'json') => {
    const report = await callApi(transport, 'session-report', { sessionId: id, format })
    const url = URL.createObjectURL(new Blob([report.content], { type: report.mediaType }))
    const link = document.createElement('a')
    link.href = url
    link.download = report.fileName
    link.click()
    URL.revokeObjectURL(url)
  }

  return (
    <section aria-labelledby="page-title">
      <p className="breadcrumb">
        <Link href="/sessions">← Sessions</Link>
      </p>
      <QueryState query={timeline}>
        {(t) => (
          <>
            <PageHeader
              title={`Session ${formatDateTime(t.startedAt)}`}
              subtitle={`${t.projectName}${t.model ? ` · ${t.model}` : ''}${t.gitBranch ? ` · ${t.gitBranch}` : ''} · ${t.id}`}
              actions={
                <>
                  <button type="button" onClick={() => void exportReport('md')}>
                    Export report (Markdown)
                  </button>
                  <button type="button" onClick={() => void exportReport('json')}>
                    JSON
                  </button>
                </>
              }
            />
            <div ref={timelineRef}>{layout && <Timeline key={`${t.id}:${layout.domain.join('-')}`} layout={layout} onSelect={onSelect} marker={marker} />}</div>
            {t.synthetic && <p className="cell-sub">This session was made up by the legacy import (its source has no session ids): no order or correlation is read from it.</p>}
            <div className="session-columns">
              <section aria-labelledby="activity-title">
                <h2 id="activity-title" className="section-title">
                  In order
                </h2>
                <SessionActivity session={t} />
              </section>
              <div>
                {correlation.data && (
                  <section aria-labelledby="summary-title">
                    <h2 id="summary-title" className="section-title">
                      Skills and workflows
                    </h2>
                    <CorrelationSummary c={correlation.data} />
                  </section>
                )}
              </div>
            </div>
            <div className="grid-2">
              <SessionUsage sessionId={t.id} />
              {tools.data && tools.data.stats.length > 0 && <ToolStats stats={tools.data.stats} />}
            </div>
            <section ref={conversationRef} aria-labelledby="conversation-title" className="page-section">
              <h2 id="conversation-title" className="section-title">
                Conversation
              </h2>
              <p className="cell-sub">Read from the session's transcript on this machine as you scroll; none of it is stored. Click a bar on the timeline to open the conversation there, or a time here to see it on the timeline.</p>
              <Conversation sessionId={t.id} runs={t.invocations} target={target} onPickMoment={onPickMoment} />
            </section>
          </>
        )}
      </QueryState>
    </section>
  )
}

function CorrelationSummary({ c }: { c: SessionCorrelation }) {
  const share = (part: number) => (c.spanMs > 0 ? `${Math.round((part / c.spanMs) * 100)}%` : '–')
  return (
    <div className="card correlation" role="group" aria-label="Correlation summary">
      <h3 className="correlation-pattern">
        <span className={`tag pattern-${c.pattern}`}>{c.pattern}</span> {c.patternReason}
      </h3>
      <dl className="stats">
        <div>
          <dt>Span</dt>
          <dd>{formatDuration(c.spanMs)}</dd>
        </div>
        <div>
          <dt>In skills</dt>
          <dd>
            {formatDuration(c.skillTimeMs)} ({share(c.skillTimeMs)})
          </dd>
        </div>
        <div>
          <dt>In workflows</dt>
          <dd>
            {formatDuration(c.workflowTimeMs)} ({share(c.workflowTimeMs)})
          </dd>
        </div>
        <div>
          <dt>Idle</dt>
          <dd>
            {formatDuration(c.idleMs)} ({share(c.idleMs)})
          </dd>
        </div>
        <div>
          <dt>Skills completed</dt>
          <dd>
            {c.skills.completed} / {c.skills.total}
          </dd>
        </div>
        <div>
          <dt>Nodes completed</dt>
          <dd>
            {c.nodes.completed} / {c.nodes.total}
          </dd>
        </div>
        <div>
          <dt>Skill → workflow</dt>
          <dd>{c.medianSkillToWorkflowDelayMs === null ? '–' : `median ${formatDuration(c.medianSkillToWorkflowDelayMs)}`}</dd>
        </div>
      </dl>
      {c.failedNodesAfterSkills.length > 0 && (
        <ul className="error-list">
          {c.failedNodesAfterSkills.map((f, i) => (
            <li key={i}>
              {f.runName} › {f.node} failed {formatDuration(f.delayMs)} after {f.skill}
              {f.error ? `: ${f.error}` : ''}
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}
