import type BetterSqlite3 from 'better-sqlite3'
import type { TrendGranularity } from '../../shared/api/insights'
import type { ScopeInput, ScopeView } from '../../shared/api/scope'
import { insightWindow } from './insight-window'
import type { ScopedWindow } from './insights.repository'

export type Scope = ScopedWindow & { view: ScopeView }

/**
 * The one place that says which projects and days a figure covers (src/shared/api/scope.ts).
 * Included projects by default; every surface passes its scope through here.
 */
export function resolveScope(sqlite: BetterSqlite3.Database, input: ScopeInput & { granularity?: TrendGranularity }, now = new Date()): Scope {
  const window = insightWindow(input, now)
  const project = input.projectId
    ? (sqlite.prepare('select id, name from projects where id = ?').get(input.projectId) as { id: number; name: string } | undefined)
    : undefined
  const kind: ScopeView['kind'] = input.projectId ? 'project' : (input.scope ?? 'included')
  const projects =
    kind === 'project'
      ? project
        ? [project.id]
        : []
      : (sqlite.prepare(`select id from projects ${kind === 'included' ? 'where include_in_insights = 1' : ''} order by id`).pluck().all() as number[])
  const who =
    kind === 'project'
      ? `project ${project?.name ?? `#${input.projectId}`}`
      : kind === 'all'
        ? projects.length === 1
          ? 'the 1 registered project'
          : `all ${projects.length} registered projects`
        : `${plural(projects.length, 'project')} included in insights`
  const when = window.days ? `last ${plural(window.days, 'day')} to ${window.until}` : 'all time'
  return {
    ...window,
    projects,
    includedOnly: kind === 'included',
    view: { kind, label: `${who} · ${when}`, projectIds: projects, from: window.from, until: window.until, days: window.days },
  }
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`
