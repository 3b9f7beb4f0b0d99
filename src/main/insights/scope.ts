import type BetterSqlite3 from 'better-sqlite3'
import type { TrendGranularity } from '../../shared/api/insights'
import type { ScopeInput, ScopeView } from '../../shared/api/scope'
import { insightWindow } from './insight-window'
import type { ScopedWindow } from './insights.repository'
import { all, first, query } from '../storage/typed-query'

export type Scope = ScopedWindow & { view: ScopeView }

/**
 * The one place that says which projects and days a figure covers (src/shared/api/scope.ts).
 * Included projects by default; every surface passes its scope through here.
 */
export function resolveScope(sqlite: BetterSqlite3.Database, input: ScopeInput & { granularity?: TrendGranularity }, now = new Date()): Scope {
  const window = insightWindow(input, now)
  const project = input.projectId
    ? first(sqlite, query.selectFrom('projects').select(['id', 'name']).where('id', '=', input.projectId))
    : undefined
  const kind: ScopeView['kind'] = input.projectId ? 'project' : (input.scope ?? 'included')
  const projects =
    kind === 'project'
      ? project
        ? [project.id]
        : []
      : all(
          sqlite,
          query
            .selectFrom('projects')
            .select('id')
            .$if(kind === 'included', (q) => q.where('include_in_insights', '=', 1))
            .orderBy('id'),
        ).map((p) => p.id)
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
    // "All" with no project left out covers exactly the included ones: it reads the included roll-ups too.
    includedOnly: kind === 'included' || (kind === 'all' && !first(sqlite, query.selectFrom('projects').select('id').where('include_in_insights', '=', 0))),
    view: { kind, label: `${who} · ${when}`, projectIds: projects, from: window.from, until: window.until, days: window.days },
  }
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`
