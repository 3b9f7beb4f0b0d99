import { useState } from 'react'
import { Link } from 'wouter'
import type { SkillInsightsView } from '../../../../shared/api/insights'
import { useApiQuery } from '../../api/client'
import { PageHeader } from '../../components/PageHeader'
import { Stat } from '../../components/Stat'
import { QueryState } from '../../components/QueryState'
import { RunOutcome } from '../../components/RunOutcome'
import { ScopeNote } from '../../components/ScopeNote'
import { sessionsLink } from '../../components/sessions-link'
import { formatDateTime, formatDuration, formatRate } from '../../format'
import { UsageOverTime } from '../insights/charts'
import { InsightsWindowPicker, windowInput, type InsightsWindowState } from '../insights/InsightsWindowPicker'

/**
 * One skill in a scope: effectiveness, trend, errors, follow-ups, projects, sessions and each recent run
 * with its outcome and evidence. The scope arrives in the link's last segment (skillLink: "all" from the
 * Skills list, "included-30d" from Insights), so the numbers here equal the page the user came from.
 */
export function SkillPage({ skill, linkedScope }: { skill: string; linkedScope?: string }) {
  const linked = parseSkillScope(linkedScope)
  const [scope, setScope] = useState<'all' | 'included'>(linked.scope)
  const [window, setWindow] = useState<InsightsWindowState>({ days: linked.days, granularity: undefined })
  const view = useApiQuery('sessions', 'skill-insights', { skill, scope, ...windowInput(window) })
  return (
    <section aria-labelledby="page-title">
      <p className="breadcrumb">
        <Link href="/skills">Skills</Link> /
      </p>
      <PageHeader
        title={skill}
        actions={
          <>
            <div className="filters" role="group" aria-label="Projects in scope">
              <label>
                Projects
                <select aria-label="Projects" value={scope} onChange={(e) => setScope(e.target.value as 'all' | 'included')}>
                  <option value="all">All registered projects</option>
                  <option value="included">Included in insights</option>
                </select>
              </label>
            </div>
            <InsightsWindowPicker value={window} onChange={setWindow} />
          </>
        }
      />
      <QueryState query={view}>{(data) => <SkillBody data={data} />}</QueryState>
    </section>
  )
}

function SkillBody({ data }: { data: SkillInsightsView }) {
  const e = data.effectiveness
  if (!e)
    return (
      <>
        <ScopeNote scope={data.scope} />
        <p className="empty-state">No tracked use of {data.skill} in this scope.</p>
      </>
    )
  const link = (extra: { status?: string; projectId?: number } = {}) => sessionsLink({ skill: data.skill, ...extra })
  return (
    <>
      <ScopeNote scope={data.scope} />
      <dl className="stats card" aria-label="Effectiveness">
        <Stat label="Uses" value={<Link href={link()}>{e.invocations}</Link>} />
        <Stat label="Completed" value={`${e.completed} (${formatRate(e.completionRate)})`} />
        <Stat label="Failed" value={<Link href={link({ status: 'failed' })}>{`${e.failed} (${formatRate(e.failureRate)})`}</Link>} />
        <Stat label="Abandoned" value={<Link href={link({ status: 'abandoned' })}>{`${e.abandoned} (${formatRate(e.abandonmentRate)})`}</Link>} />
        <Stat label="Unknown" value={<Link href={link({ status: 'unknown' })}>{String(e.unknown)}</Link>} />
        {e.running > 0 && <Stat label="Running" value={String(e.running)} />}
        <Stat label="Median" value={formatDuration(e.p50Ms === null ? null : Math.round(e.p50Ms))} />
        <Stat label="p95" value={formatDuration(e.p95Ms === null ? null : Math.round(e.p95Ms))} />
      </dl>
      <p className="cell-sub">
        {e.durationSamples} timed {e.durationSamples === 1 ? 'run' : 'runs'}
        {e.durationsApproximate ? ': percentiles from duration buckets, within ±9.5%.' : ': exact percentiles.'}
        {e.smallSample && ' Fewer than 10 runs with a known outcome: read the rates with care.'}
      </p>
      <h2 className="section-title">Recent runs</h2>
      <ul className="plain-list card" aria-label="Recent runs">
        {data.recentRuns.map((r) => (
          <li key={r.id}>
            {r.sessionId ? <Link href={`/sessions/${encodeURIComponent(r.sessionId)}`}>{formatDateTime(r.startedAt)}</Link> : formatDateTime(r.startedAt)} · {r.projectName} ·{' '}
            {formatDuration(r.durationMs)} · <RunOutcome status={r.status} outcomeSource={r.outcomeSource} evidence={r.evidence} />
          </li>
        ))}
      </ul>
      <h2 className="section-title">Uses over time</h2>
      <div className="card chart">
        <UsageOverTime buckets={data.trend.buckets} series={[{ skill: data.skill, counts: data.trend.counts }]} />
      </div>
      <div className="grid-2">
        <CountList title="Common errors" items={data.errors} empty="No errors recorded." />
        <CountList title="What came next" items={data.followUps} empty="No follow-up actions recorded." />
      </div>
      <h2 className="section-title">Projects using it</h2>
      <table className="table" aria-label="Projects using this skill">
        <thead>
          <tr>
            <th>Project</th>
            <th className="num">Uses</th>
            <th className="num">Completed</th>
          </tr>
        </thead>
        <tbody>
          {data.projects.map((p) => (
            <tr key={p.id}>
              <td>{p.name}</td>
              <td className="num">
                <Link href={link({ projectId: p.id })}>{p.invocations}</Link>
              </td>
              <td className="num">{formatRate(p.completionRate)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {data.patterns.length > 0 && (
        <>
          <h2 className="section-title">Sequences it is part of</h2>
          <ul className="plain-list card">
            {data.patterns.slice(0, 10).map((p) => (
              <li key={p.steps.join('>')}>
                {p.steps.join(' → ')} · {p.sessions} sessions · last step completed in {p.completed} of {p.sessions}
                {p.lift !== null && ` · lift ${p.lift.toFixed(2)}`} · <span className="tag">{p.effective ? 'effective' : 'common'}</span>
              </li>
            ))}
          </ul>
        </>
      )}
      <h2 className="section-title">Recent sessions</h2>
      <p className="cell-sub">The sessions that used {data.skill} last, newest first: when it last ran in each, and the worst outcome of its runs there.</p>
      <ul className="plain-list card" aria-label="Recent sessions">
        {data.recentSessions.map((s) => (
          <li key={s.id}>
            Last used <Link href={`/sessions/${encodeURIComponent(s.id)}`}>{formatDateTime(s.lastUsedAt)}</Link> · {s.projectName} ·{' '}
            <span className={`tag status-${s.status}`} title="The worst outcome of its runs in this session">
              {s.status}
            </span>
          </li>
        ))}
      </ul>
    </>
  )
}

/** The Skill page's address for a skill in a scope, as the Skills list and Insights link to it. */
export function skillLink(skill: string, scope: 'all' | 'included' = 'all', days?: number | null): string {
  return `/skills/${encodeURIComponent(skill)}/${scope}${days ? `-${days}d` : ''}`
}

function parseSkillScope(segment: string | undefined): { scope: 'all' | 'included'; days: number | undefined } {
  const match = /^(all|included)(?:-(\d+)d)?$/.exec(segment ?? '')
  return { scope: match?.[1] === 'included' ? 'included' : 'all', days: match?.[2] ? Number(match[2]) : undefined }
}

function CountList({ title, items, empty }: { title: string; items: Array<{ value: string; count: number }>; empty: string }) {
  return (
    <div>
      <h2 className="section-title">{title}</h2>
      {items.length === 0 ? (
        <p className="empty-state">{empty}</p>
      ) : (
        <ul className="plain-list card">
          {items.map((i) => (
            <li key={i.value}>
              {i.value} <span className="cell-sub">×{i.count}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}
