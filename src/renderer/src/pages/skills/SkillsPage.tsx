import { useState } from 'react'
import { Link } from 'wouter'
import type { SkillMetricsView } from '../../../../shared/api/tracking'
import { useApiQuery } from '../../api/client'
import { PageHeader } from '../../components/PageHeader'
import { ProjectSelect } from '../../components/ProjectSelect'
import { QueryState } from '../../components/QueryState'
import { ScopeNote } from '../../components/ScopeNote'
import { skillLink } from '../skill/SkillPage'
import { SortableTable, type Column } from '../../components/SortableTable'
import { formatDateTime, formatDuration, formatRate } from '../../format'

const COLUMNS: Column<SkillMetricsView>[] = [
  {
    key: 'skill',
    label: 'Skill',
    sortValue: (m) => m.skill,
    render: (m) => (
      <Link href={skillLink(m.skill, 'all')} className="cell-title">
        {m.skill}
      </Link>
    ),
  },
  { key: 'uses', label: 'Uses', numeric: true, sortValue: (m) => m.invocations, render: (m) => m.invocations },
  { key: 'completed', label: 'Completed', numeric: true, sortValue: (m) => m.completed, render: (m) => m.completed },
  { key: 'failed', label: 'Failed', numeric: true, sortValue: (m) => m.failed, render: (m) => m.failed },
  { key: 'abandoned', label: 'Abandoned', numeric: true, sortValue: (m) => m.abandoned, render: (m) => m.abandoned },
  { key: 'unknown', label: 'Unknown', numeric: true, sortValue: (m) => m.unknown, render: (m) => m.unknown },
  { key: 'rate', label: 'Completion', numeric: true, sortValue: (m) => m.completionRate, render: (m) => formatRate(m.completionRate) },
  { key: 'p50', label: 'p50', numeric: true, sortValue: (m) => m.p50DurationMs, render: (m) => formatDuration(m.p50DurationMs) },
  { key: 'p95', label: 'p95', numeric: true, sortValue: (m) => m.p95DurationMs, render: (m) => formatDuration(m.p95DurationMs) },
  {
    key: 'errors',
    label: 'Common errors',
    sortValue: (m) => m.commonErrors[0]?.count ?? null,
    render: (m) => m.commonErrors.map((e) => `${e.value} ×${e.count}`).join(', ') || '–',
  },
  { key: 'last', label: 'Last used', sortValue: (m) => m.lastUsed, render: (m) => formatDateTime(m.lastUsed) },
]

export function SkillsPage() {
  const [projectId, setProjectId] = useState<number | undefined>(undefined)
  const metrics = useApiQuery('skills', 'skills-metrics', projectId === undefined ? { scope: 'all' } : { projectId })
  return (
    <section aria-labelledby="page-title">
      <PageHeader
        title="Skills"
        subtitle="Every skill tracked in your registered projects: how often it runs, how often it finishes, and how long it takes."
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
              <SortableTable label="Skill metrics" columns={COLUMNS} rows={rows} rowKey={(m) => m.skill} initialSort={{ key: 'uses', descending: true }} />
            </>
          )
        }
      </QueryState>
    </section>
  )
}
