import { useState } from 'react'
import { Link } from 'wouter'
import type { InsightsView, RecommendationView, SkillEffectivenessView, SkillPatternView } from '../../../../shared/api/insights'
import { RECOMMENDATION_LABELS } from '../../../../shared/recommendation-labels'
import { useApiQuery } from '../../api/client'
import { PageHeader } from '../../components/PageHeader'
import { PageSectionBlock, SectionNav, type PageSection } from '../../components/SectionNav'
import { ScopeNote } from '../../components/ScopeNote'
import { skillLink } from '../skill/SkillPage'
import { Stat } from '../../components/Stat'
import { QueryState } from '../../components/QueryState'
import { sessionsLink } from '../../components/sessions-link'
import { SortableTable, type Column } from '../../components/SortableTable'
import { formatDuration, formatRate } from '../../format'
import { OutcomeBars, UsageOverTime } from './charts'
import { CostSection, ToolsSection } from './CostAndTools'
import { SearchFollowThrough } from './SearchFollowThrough'
import { InsightsWindowPicker, windowInput, type InsightsWindowState } from './InsightsWindowPicker'

export function InsightsPage() {
  const [window, setWindow] = useState<InsightsWindowState>({ days: 30, granularity: undefined })
  const insights = useApiQuery('sessions', 'insights-get', windowInput(window))
  return (
    <section aria-labelledby="page-title">
      <PageHeader
        title="Insights"
        subtitle="Across the projects you include: which skills you use, how well they work, which sequences pay off, and what to change."
        actions={<InsightsWindowPicker value={window} onChange={setWindow} />}
      />
      <QueryState query={insights}>{(view) => (view.projects.length === 0 ? <NoProjects excluded={view.excludedProjects} /> : <InsightsBody view={view} />)}</QueryState>
    </section>
  )
}

function NoProjects({ excluded }: { excluded: number }) {
  return (
    <p className="empty-state">
      No project is included in insights{excluded ? ` (${excluded} registered, all switched off)` : ''}. Switch on “Include in insights” on the <Link href="/projects">Projects</Link> page.
    </p>
  )
}

const SECTIONS = {
  overview: { id: 'overview', label: 'Overview' },
  recommendations: { id: 'recommendations', label: 'Recommendations' },
  skills: { id: 'skills', label: 'Skills' },
  types: { id: 'project-types', label: 'Project types' },
  sequences: { id: 'sequences', label: 'Sequences' },
  cost: { id: 'cost', label: 'Tokens and cost' },
  tools: { id: 'tools', label: 'Tools' },
  search: { id: 'search-in-use', label: 'Search in real use' },
  projects: { id: 'projects', label: 'Projects' },
} satisfies Record<string, PageSection>
const SECTION_LIST = Object.values(SECTIONS)

type Range = { from?: string; to: string }

function InsightsBody({ view }: { view: InsightsView }) {
  const range = { from: view.window.from ?? undefined, to: view.window.until }
  const t = view.totals
  const finished = t.completed + t.failed + t.abandoned
  return (
    <>
      <ScopeNote scope={view.scope} />
      <p className="result-count" role="status">
        {view.projects.length} {view.projects.length === 1 ? 'project' : 'projects'} included{view.excludedProjects ? `, ${view.excludedProjects} left out` : ''} · computed in {view.computedMs} ms
      </p>
      <SectionNav sections={SECTION_LIST} />

      <PageSectionBlock section={SECTIONS.overview}>
        <dl className="stats card" aria-label="Totals">
          <Stat label="Skill uses" value={<Link href={sessionsLink(range)}>{t.invocations}</Link>} />
          <Stat label="Completed" value={formatRate(finished ? t.completed / finished : null)} />
          <Stat label="Failed" value={<Link href={sessionsLink({ ...range, status: 'failed' })}>{t.failed}</Link>} />
          <Stat label="Abandoned" value={<Link href={sessionsLink({ ...range, status: 'abandoned' })}>{t.abandoned}</Link>} />
          <Stat label="Unknown" value={<Link href={sessionsLink({ ...range, status: 'unknown' })}>{t.unknown}</Link>} />
          <Stat label="Skills" value={t.skills} />
          <Stat label="Sessions with skills" value={t.sessionsWithSkills} />
        </dl>
        <h3 className="subsection-title">Skill uses per {view.granularity}</h3>
        <div className="card chart" aria-label={`Skill uses per ${view.granularity}`}>
          <UsageOverTime buckets={view.trend.buckets} series={view.trend.series} />
        </div>
      </PageSectionBlock>

      <PageSectionBlock section={SECTIONS.recommendations}>
        <Recommendations items={view.recommendations} range={range} days={view.window.days} />
      </PageSectionBlock>

      <PageSectionBlock section={SECTIONS.skills}>
        <div className="card chart">
          <OutcomeBars rows={view.skills.slice(0, 12).map((s) => ({ label: s.skill, ...s }))} />
        </div>
        <SortableTable label="Effectiveness per skill" columns={skillColumns(range, view.window.days)} rows={view.skills} rowKey={(s) => s.skill} initialSort={{ key: 'uses', descending: true }} />
      </PageSectionBlock>

      <PageSectionBlock section={SECTIONS.types}>
        <div className="grid-2">
          <div className="card chart">
            <OutcomeBars rows={view.byProjectType.map((p) => ({ label: `${p.projectType} (${p.projects})`, ...p }))} />
          </div>
          <ul className="plain-list card">
            {view.byProjectType.map((p) => (
              <li key={p.projectType}>
                <strong>{p.projectType}</strong> · {p.invocations} uses, {formatRate(p.completionRate)} completed
                <div className="cell-sub">{p.topSkills.map((s) => `${s.skill} ${s.invocations}× (${formatRate(s.completionRate)})`).join(' · ')}</div>
              </li>
            ))}
          </ul>
        </div>
      </PageSectionBlock>

      <PageSectionBlock
        section={SECTIONS.sequences}
        intro={
          <p className="cell-sub">
            Effective: the last step completes more often right after the steps before it (lift above 1) in at least five sessions. Other sequences that recur are listed as common.
          </p>
        }
      >
        <h3 className="subsection-title">Effective</h3>
        <SequenceTable label="Effective sequences" patterns={view.patterns.filter((p) => p.effective)} range={range} empty="No sequence of skills has a lift above 1 in five or more sessions yet." />
        <h3 className="subsection-title">Common</h3>
        <SequenceTable label="Common sequences" patterns={view.patterns.filter((p) => !p.effective)} range={range} empty="No other sequence of skills recurs in three or more sessions." />
      </PageSectionBlock>

      <PageSectionBlock section={SECTIONS.cost}>
        <CostSection days={view.window.days} />
      </PageSectionBlock>

      <PageSectionBlock section={SECTIONS.tools}>
        <ToolsSection days={view.window.days} />
      </PageSectionBlock>

      <PageSectionBlock section={SECTIONS.search}>
        <SearchFollowThrough days={view.window.days} until={view.window.until} />
      </PageSectionBlock>

      <PageSectionBlock section={SECTIONS.projects}>
        <table className="table" aria-label="Included projects">
          <thead>
            <tr>
              <th>Project</th>
              <th>Type</th>
              <th className="num">Uses</th>
              <th className="num">Completed</th>
              <th>Most used</th>
            </tr>
          </thead>
          <tbody>
            {view.projects.map((p) => (
              <tr key={p.id}>
                <td className="cell-title">{p.name}</td>
                <td>{p.projectType}</td>
                <td className="num">
                  <Link href={sessionsLink({ ...range, projectId: p.id })}>{p.invocations}</Link>
                </td>
                <td className="num">{formatRate(p.completionRate)}</td>
                <td>{p.topSkills.map((s) => `${s.skill} ${s.invocations}×`).join(' · ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </PageSectionBlock>
    </>
  )
}

function Recommendations({ items, range, days }: { items: RecommendationView[]; range: Range; days: number | null }) {
  if (items.length === 0) return <p className="empty-state">Nothing stands out yet: no skill fails often or is slow, and no sequence or skill has enough evidence to suggest.</p>
  return (
    <ol className="recommendations" aria-label="Recommendations">
      {items.map((r) => (
        <li key={`${r.kind}:${r.title}`} className="recommendation card">
          <span className={`tag recommendation-${r.kind}`}>{RECOMMENDATION_LABELS[r.kind]}</span>
          <p className="recommendation-title">{r.title}</p>
          <p className="cell-sub">
            {r.reason} <EvidenceLink item={r} range={range} days={days} />
          </p>
        </li>
      ))}
    </ol>
  )
}

/** Where the counts in a recommendation can be checked, one click away. */
function EvidenceLink({ item, range, days }: { item: RecommendationView; range: Range; days: number | null }) {
  const skill = item.skills.at(-1)
  if (!skill) return null
  if (item.kind === 'review') return <Link href={sessionsLink({ ...range, skill, status: (item.evidence.abandoned ?? 0) > (item.evidence.failed ?? 0) ? 'abandoned' : 'failed' })}>See the sessions</Link>
  if (item.kind === 'check-after' || item.kind === 'sequence') return <Link href={sessionsLink({ ...range, skill })}>See the sessions</Link>
  return <Link href={skillLink(skill, 'included', days)}>Open {skill}</Link>
}

function SequenceTable({ label, patterns, range, empty }: { label: string; patterns: SkillPatternView[]; range: Range; empty: string }) {
  if (patterns.length === 0) return <p className="empty-state">{empty}</p>
  return (
    <table className="table" aria-label={label}>
      <thead>
        <tr>
          <th>Sequence</th>
          <th className="num">Sessions</th>
          <th className="num">Support</th>
          <th className="num">Last step completed</th>
          <th className="num">Alone</th>
          <th className="num">Lift</th>
        </tr>
      </thead>
      <tbody>
        {patterns.slice(0, 20).map((p) => (
          <tr key={p.steps.join('>')}>
            <td>{p.steps.join(' → ')}</td>
            <td className="num">
              <Link href={sessionsLink({ ...range, skill: p.steps.at(-1) })}>{p.sessions}</Link>
            </td>
            <td className="num">{formatRate(p.support)}</td>
            <td className="num">{`${p.completed} of ${p.sessions}`}</td>
            <td className="num">{formatRate(p.baselineRate)}</td>
            <td className="num">{p.lift === null ? '–' : p.lift.toFixed(2)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

function skillColumns(range: Range, days: number | null): Column<SkillEffectivenessView>[] {
  return [
    {
      key: 'skill',
      label: 'Skill',
      sortValue: (s) => s.skill,
      render: (s) => (
        <>
          <Link href={skillLink(s.skill, 'included', days)} className="cell-title">
            {s.skill}
          </Link>
          {s.smallSample && (
            <span className="tag" title="Fewer than 10 finished uses: the rates say little yet">
              small sample
            </span>
          )}
        </>
      ),
    },
    { key: 'uses', label: 'Uses', numeric: true, sortValue: (s) => s.invocations, render: (s) => <Link href={sessionsLink({ ...range, skill: s.skill })}>{s.invocations}</Link> },
    { key: 'completion', label: 'Completed', numeric: true, sortValue: (s) => s.completionRate, render: (s) => formatRate(s.completionRate) },
    { key: 'failed', label: 'Failed', numeric: true, sortValue: (s) => s.failed, render: (s) => <Link href={sessionsLink({ ...range, skill: s.skill, status: 'failed' })}>{`${s.failed} (${formatRate(s.failureRate)})`}</Link> },
    { key: 'abandoned', label: 'Abandoned', numeric: true, sortValue: (s) => s.abandoned, render: (s) => <Link href={sessionsLink({ ...range, skill: s.skill, status: 'abandoned' })}>{`${s.abandoned} (${formatRate(s.abandonmentRate)})`}</Link> },
    { key: 'unknown', label: 'Unknown', numeric: true, sortValue: (s) => s.unknown, render: (s) => s.unknown },
    { key: 'p50', label: 'Median', numeric: true, sortValue: (s) => s.p50Ms, render: (s) => formatDuration(s.p50Ms === null ? null : Math.round(s.p50Ms)) },
    { key: 'p95', label: 'p95', numeric: true, sortValue: (s) => s.p95Ms, render: (s) => formatDuration(s.p95Ms === null ? null : Math.round(s.p95Ms)) },
    { key: 'projects', label: 'Projects', numeric: true, sortValue: (s) => s.projects, render: (s) => s.projects },
  ]
}
