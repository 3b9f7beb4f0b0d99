import { useState } from 'react'
import { Link } from 'wouter'
import type { SkillMetricsView } from '../../../../shared/api/tracking'
import type { SkillCostView } from '../../../../shared/api/usage'
import { useApiQuery } from '../../api/client'
import { OutcomeMiniBar } from '../../components/OutcomeMiniBar'
import { PageHeader } from '../../components/PageHeader'
import { ProjectSelect } from '../../components/ProjectSelect'
import { QueryState } from '../../components/QueryState'
import { ScopeNote } from '../../components/ScopeNote'
import { skillLink } from '../skill/SkillPage'
import { SortableTable, type Column } from '../../components/SortableTable'
import { formatCost, formatDateTime, formatDuration, formatRate, formatShortDate, formatTokens } from '../../format'

/** One line per skill; errors, follow-ups and runs are on the skill's own page. */
type Row = SkillMetricsView & { cost: SkillCostView | undefined }

const COLUMNS: Column<Row>[] = [
  {
    key: 'skill',
    label: 'Skill',
    sortValue: (m) => m.skill,
    render: (m) => (
      <Link href={skillLink(m.skill, 'all')} className="cell-title" title={m.skill}>
        {m.skill}
      </Link>
    ),
  },
  { key: 'uses', label: 'Uses', numeric: true, sortValue: (m) => m.invocations, render: (m) => m.invocations },
  {
    key: 'rate',
    label: 'Completed',
    numeric: true,
    sortValue: (m) => m.completionRate,
    render: (m) => (
      <span className="rate-cell" title={`${m.completed} of ${m.completed + m.failed + m.abandoned} runs with a known outcome`}>
        <OutcomeMiniBar counts={m} />
        {formatRate(m.completionRate)}
      </span>
    ),
  },
  { key: 'failed', label: 'Failed', numeric: true, sortValue: (m) => m.failed, render: (m) => m.failed },
  { key: 'abandoned', label: 'Abandoned', numeric: true, sortValue: (m) => m.abandoned, render: (m) => m.abandoned },
  { key: 'unknown', label: 'Unknown', numeric: true, sortValue: (m) => m.unknown, render: (m) => m.unknown },
  { key: 'p50', label: 'Median', numeric: true, sortValue: (m) => m.p50DurationMs, render: (m) => formatDuration(m.p50DurationMs) },
  { key: 'p95', label: 'p95', numeric: true, sortValue: (m) => m.p95DurationMs, render: (m) => formatDuration(m.p95DurationMs) },
  {
    key: 'cost',
    label: 'Cost / run',
    numeric: true,
    sortValue: (m) => m.cost?.costPerRun ?? null,
    render: (m) =>
      m.cost ? (
        <span title={`${formatCost(m.cost.cost)} over ${m.cost.runs} ${m.cost.runs === 1 ? 'run' : 'runs'} with replies inside them (${formatTokens(m.cost.tokens)} tokens)${m.cost.unpriced ? '; some tokens are of a model with no known price' : ''}`}>
          {formatCost(m.cost.costPerRun)}
          {m.cost.unpriced && '*'}
        </span>
      ) : (
        '–'
      ),
  },
  {
    key: 'errors',
    label: 'Top error',
    sortValue: (m) => m.commonErrors[0]?.count ?? null,
    render: (m) => {
      const top = m.commonErrors[0]
      return top ? <span className="cell-clip" title={m.commonErrors.map((e) => `${e.value} ×${e.count}`).join(', ')}>{`${top.value} ×${top.count}`}</span> : '–'
    },
  },
  {
    key: 'last',
    label: 'Last used',
    numeric: true,
    sortValue: (m) => m.lastUsed,
    render: (m) => (
      <time dateTime={m.lastUsed} title={formatDateTime(m.lastUsed)}>
        {formatShortDate(m.lastUsed)}
      </time>
    ),
  },
]

export function SkillsPage() {
  const [projectId, setProjectId] = useState<number | undefined>(undefined)
  const metrics = useApiQuery('skills', 'skills-metrics', projectId === undefined ? { scope: 'all' } : { projectId })
  const costs = useApiQuery('skills', 'usage-breakdown', projectId === undefined ? { scope: 'all' } : { projectId })
  const costOf = new Map(costs.data?.skills.map((c) => [c.skill, c]))
  return (
    <section aria-labelledby="page-title">
      <PageHeader
        title="Skills"
        subtitle="Every skill tracked in your registered projects: how often it runs, how often it finishes, and how long it takes. Open a skill for its errors, follow-ups and runs."
        actions={<ProjectSelect label="Project" emptyLabel="All projects" value={projectId} onChange={setProjectId} />}
      />
      <QueryState query={metrics}>
        {({ scope, skills: rows }) =>
          rows.length === 0 ? (
            <p className="empty-state">
              No skill invocations yet. Install the Claude Code hooks in a registered project (<code>session-buddy hooks install</code>) or import
              history from the Projects page.
            </p>
          ) : (
            <>
              <ScopeNote scope={scope} />
              <p className="cell-sub">Cost per run: the tokens of the replies written while a run was open (from its start to its end), at the prices of {costs.data?.prices.asOf ?? '…'}.</p>
              <div className="table-scroll">
                <SortableTable label="Skill metrics" className="table-one-line" columns={COLUMNS} rows={rows.map((m) => ({ ...m, cost: costOf.get(m.skill) }))} rowKey={(m) => m.skill} initialSort={{ key: 'uses', descending: true }} />
              </div>
            </>
          )
        }
      </QueryState>
    </section>
  )
}
