import { useState } from 'react'
import { Link } from 'wouter'
import type { SkillMetricsView } from '../../../../shared/api/tracking'
import { useApiQuery } from '../../api/client'
import { OutcomeMiniBar } from '../../components/OutcomeMiniBar'
import { PageHeader } from '../../components/PageHeader'
import { ProjectSelect } from '../../components/ProjectSelect'
import { QueryState } from '../../components/QueryState'
import { ScopeNote } from '../../components/ScopeNote'
import { skillLink } from '../skill/SkillPage'
import { SortableTable, type Column } from '../../components/SortableTable'
import { formatDateTime, formatDuration, formatRate, formatShortDate } from '../../format'

/** One line per skill; errors, follow-ups and runs are on the skill's own page. */
const COLUMNS: Column<SkillMetricsView>[] = [
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
              <div className="table-scroll">
                <SortableTable label="Skill metrics" className="table-one-line" columns={COLUMNS} rows={rows} rowKey={(m) => m.skill} initialSort={{ key: 'uses', descending: true }} />
              </div>
            </>
          )
        }
      </QueryState>
    </section>
  )
}
