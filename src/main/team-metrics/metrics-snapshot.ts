import type BetterSqlite3 from 'better-sqlite3'
import { bucketMidpointMs } from '../insights/insight-summaries'
import { projectAliases } from '../reports/report-model'

/** Label values per label are capped: beyond the busiest 200, everything is `other`. */
export const MAX_LABEL_VALUES = 200
export const OTHER = 'other'
/** Prometheus histogram bounds for run durations, in seconds. */
export const DURATION_BOUNDS_S = [0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800, 3600]
/** Ended runs only: a running run is counted when it ends, so every counter only grows. */
export const OUTCOMES = ['completed', 'failed', 'abandoned', 'unknown'] as const

export interface CountSeries<L extends string> {
  labels: Record<L, string>
  value: number
}

export interface DurationSeries {
  skill: string
  /** Cumulative counts at each of DURATION_BOUNDS_S, then +Inf. */
  cumulative: number[]
  sumSeconds: number
  count: number
}

/** Everything the exporters send, computed at once from the summary tables and the tool and token rows. */
export interface TeamMetricsSnapshot {
  at: number
  projects: number
  /** Distinct skills that ran in included projects, before the busiest 200 are kept. */
  skills: number
  runs: Array<CountSeries<'skill' | 'outcome' | 'project'>>
  durations: DurationSeries[]
  toolCalls: Array<CountSeries<'tool' | 'status'>>
  tokens: Array<CountSeries<'model' | 'kind'>>
  ingestErrors: number
}

/** Keeps the `max` busiest values (by total) and maps the rest to `other`. */
export function capLabel(totals: Map<string, number>, max = MAX_LABEL_VALUES): (value: string) => string {
  const kept = new Set(
    [...totals]
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .slice(0, max)
      .map(([value]) => value),
  )
  return (value) => (kept.has(value) ? value : OTHER)
}

function addTo<L extends string>(series: Map<string, CountSeries<L>>, labels: Record<L, string>, value: number): void {
  const key = JSON.stringify(labels)
  const existing = series.get(key)
  if (existing) existing.value += value
  else series.set(key, { labels, value })
}

/**
 * The team metrics of the projects included in cross-project insights. Skill runs and durations come from
 * the insight summaries (the numbers Insights shows, kept current by the app), so a figure here agrees with
 * the same figure there. `project` is the pseudonym reports use unless the user asked for names.
 */
export function readTeamMetrics(sqlite: BetterSqlite3.Database, options: { includeProjectNames: boolean; now?: number }): TeamMetricsSnapshot {
  const projects = sqlite.prepare('select id, path, name from projects where include_in_insights = 1').all() as Array<{ id: number; path: string; name: string }>
  const aliases = projectAliases(sqlite, projects)
  const projectLabel = new Map(projects.map((p) => [p.id, options.includeProjectNames ? p.name : aliases.get(p.id)!]))
  const included = JSON.stringify(projects.map((p) => p.id))

  const usage = sqlite
    .prepare(
      `select project_id, skill_name, sum(completed) as completed, sum(failed) as failed, sum(abandoned) as abandoned, sum(unknown) as unknown,
              sum(duration_n) as duration_n, sum(duration_sum_ms) as duration_sum_ms
       from usage_monthly where project_id in (select value from json_each(?)) group by project_id, skill_name`,
    )
    .all(included) as Array<{ project_id: number; skill_name: string; completed: number; failed: number; abandoned: number; unknown: number; duration_n: number; duration_sum_ms: number }>
  const skillTotals = new Map<string, number>()
  for (const row of usage) skillTotals.set(row.skill_name, (skillTotals.get(row.skill_name) ?? 0) + row.completed + row.failed + row.abandoned + row.unknown)
  const skill = capLabel(skillTotals)

  const runs = new Map<string, CountSeries<'skill' | 'outcome' | 'project'>>()
  const durations = new Map<string, DurationSeries>()
  const durationOf = (name: string) => {
    let series = durations.get(name)
    if (!series) durations.set(name, (series = { skill: name, cumulative: new Array(DURATION_BOUNDS_S.length + 1).fill(0), sumSeconds: 0, count: 0 }))
    return series
  }
  for (const row of usage) {
    const labels = { skill: skill(row.skill_name), project: projectLabel.get(row.project_id)! }
    for (const outcome of OUTCOMES) if (row[outcome] > 0) addTo(runs, { ...labels, outcome }, row[outcome])
    if (row.duration_n > 0) {
      const series = durationOf(labels.skill)
      series.sumSeconds += row.duration_sum_ms / 1000
      series.count += row.duration_n
    }
  }
  // Durations by skill over included projects, from the month histograms (logarithmic buckets, ±9.5 %): each
  // bucket counts at the first bound its midpoint is under.
  const histograms = sqlite.prepare('select skill_name, histogram from duration_monthly_included').all() as Array<{ skill_name: string; histogram: string }>
  for (const row of histograms) {
    const series = durationOf(skill(row.skill_name))
    for (const [bucket, n] of Object.entries(JSON.parse(row.histogram) as Record<string, number>)) {
      const seconds = bucketMidpointMs(Number(bucket)) / 1000
      const first = DURATION_BOUNDS_S.findIndex((bound) => seconds <= bound)
      for (let i = first === -1 ? DURATION_BOUNDS_S.length : first; i <= DURATION_BOUNDS_S.length; i++) series.cumulative[i]! += n
    }
  }

  const toolRows = sqlite
    .prepare(`select name, status, count(*) as n from tool_calls where project_id in (select value from json_each(?)) and status != 'pending' group by name, status`)
    .all(included) as Array<{ name: string; status: string; n: number }>
  const toolTotals = new Map<string, number>()
  for (const row of toolRows) toolTotals.set(row.name, (toolTotals.get(row.name) ?? 0) + row.n)
  const tool = capLabel(toolTotals)
  const toolCalls = new Map<string, CountSeries<'tool' | 'status'>>()
  for (const row of toolRows) addTo(toolCalls, { tool: tool(row.name), status: row.status }, row.n)

  const tokenRows = sqlite
    .prepare(
      `select model, sum(input_tokens) as input, sum(output_tokens) as output, sum(cache_creation_tokens) as cache_creation, sum(cache_read_tokens) as cache_read
       from token_usage where project_id in (select value from json_each(?)) group by model`,
    )
    .all(included) as Array<{ model: string; input: number; output: number; cache_creation: number; cache_read: number }>
  const model = capLabel(new Map(tokenRows.map((r) => [r.model, r.input + r.output + r.cache_creation + r.cache_read])))
  const tokens = new Map<string, CountSeries<'model' | 'kind'>>()
  for (const row of tokenRows) {
    for (const kind of ['input', 'output', 'cache_creation', 'cache_read'] as const) if (row[kind] > 0) addTo(tokens, { model: model(row.model), kind }, row[kind])
  }

  const ingestErrors = sqlite.prepare('select count(*) from ingest_errors where project_id in (select value from json_each(?))').pluck().get(included) as number
  return {
    at: options.now ?? Date.now(),
    projects: projects.length,
    skills: skillTotals.size,
    runs: [...runs.values()],
    durations: [...durations.values()].filter((d) => d.count > 0 || d.cumulative.at(-1)! > 0),
    toolCalls: [...toolCalls.values()],
    tokens: [...tokens.values()],
    ingestErrors,
  }
}
