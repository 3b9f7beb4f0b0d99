import type BetterSqlite3 from 'better-sqlite3'
import type { ToolCallView, ToolErrorView, ToolStatView } from '../../shared/api/tools'
import type { ScopedWindow } from '../insights/insights.repository'
import { percentile } from '../metrics/percentile'
import { all, query } from '../storage/typed-query'

/** Tool calls as the transcripts recorded them (tool_calls, filled at import). */
export class ToolStats {
  constructor(private readonly sqlite: BetterSqlite3.Database) {}

  sessionCalls(sessionId: string): ToolCallView[] {
    return all(
      this.sqlite,
      query.selectFrom('tool_calls').select(['tool_use_id as id', 'name', 'started_at as startedAt', 'duration_ms as durationMs', 'status']).where('session_id', '=', sessionId).orderBy('started_at').orderBy('tool_use_id'),
    )
  }

  /** Per tool, most used first; percentiles are exact over the calls with a result. */
  stats(calls: Array<Pick<ToolCallView, 'name' | 'status' | 'durationMs'>>): ToolStatView[] {
    const byTool = new Map<string, { calls: number; errors: number; finished: number; durations: number[] }>()
    for (const call of calls) {
      const entry = byTool.get(call.name) ?? { calls: 0, errors: 0, finished: 0, durations: [] }
      entry.calls++
      if (call.status !== 'pending') entry.finished++
      if (call.status === 'error') entry.errors++
      if (call.durationMs !== null) entry.durations.push(call.durationMs)
      byTool.set(call.name, entry)
    }
    return [...byTool.entries()]
      .map(([tool, e]) => {
        const sorted = e.durations.sort((a, b) => a - b)
        return { tool, calls: e.calls, errors: e.errors, errorRate: e.finished ? e.errors / e.finished : null, p50Ms: percentile(sorted, 50), p95Ms: percentile(sorted, 95) }
      })
      .sort((a, b) => b.calls - a.calls || a.tool.localeCompare(b.tool))
  }

  windowCalls(window: ScopedWindow): Array<Pick<ToolCallView, 'name' | 'status' | 'durationMs'>> {
    if (window.projects.length === 0) return []
    return all(
      this.sqlite,
      query
        .selectFrom('tool_calls')
        .select(['name', 'status', 'duration_ms as durationMs'])
        .where('project_id', 'in', window.projects)
        .where('started_at', '>=', window.from ?? '0000-00-00')
        .where('started_at', '<=', `${window.until}~`),
    )
  }

  errors(window: ScopedWindow, tool: string): ToolErrorView[] {
    if (window.projects.length === 0) return []
    return all(
      this.sqlite,
      query
        .selectFrom('tool_calls as t')
        .innerJoin('projects as p', 'p.id', 't.project_id')
        .select(['t.tool_use_id as toolUseId', 't.session_id as sessionId', 'p.name as projectName', 't.started_at as startedAt'])
        .where('t.project_id', 'in', window.projects)
        .where('t.name', '=', tool)
        .where('t.status', '=', 'error')
        .where('t.started_at', '>=', window.from ?? '0000-00-00')
        .where('t.started_at', '<=', `${window.until}~`)
        .orderBy('t.started_at', 'desc')
        .limit(50),
    )
  }
}
