import { Registry, type Metric } from 'prom-client'
import { DURATION_BOUNDS_S, type CountSeries, type TeamMetricsSnapshot } from './metrics-snapshot'

/** The metric names, shared by the Prometheus endpoint, the OTLP push, the docs and the dashboard. */
export const METRICS = {
  runs: { name: 'session_buddy_skill_runs_total', help: 'Skill runs that ended, by skill, outcome and project (included projects only).' },
  duration: { name: 'session_buddy_skill_run_duration_seconds', help: 'How long skill runs took, by skill (included projects only; logarithmic source buckets, within 9.5%).' },
  toolCalls: { name: 'session_buddy_tool_calls_total', help: 'Claude Code tool calls with a result, by tool and status (included projects only).' },
  tokens: { name: 'session_buddy_tokens_total', help: 'Tokens used, by model and kind (included projects only).' },
  ingestErrors: { name: 'session_buddy_ingest_errors_total', help: 'Lines or files that could not be read (included projects only).' },
  ingestLag: { name: 'session_buddy_ingest_lag_seconds', help: 'Age of the oldest event written but not read yet (0 when caught up).' },
} as const

interface MetricValue {
  value: number
  labels?: Record<string, string | number>
  metricName?: string
}

/**
 * A metric whose values come from the cached snapshot: prom-client formats and escapes it like its own.
 * (Its Counter and Histogram only count observations made in this process, and ours come from the database.)
 */
function snapshotMetric(meta: { name: string; help: string }, type: 'counter' | 'gauge' | 'histogram', values: () => Promise<MetricValue[]> | MetricValue[]): Metric {
  const metric = { name: meta.name, help: meta.help, type, aggregator: 'sum', get: async () => ({ name: meta.name, help: meta.help, type, aggregator: 'sum', values: await values() }) }
  return metric as unknown as Metric
}

const counts = <L extends string>(series: Array<CountSeries<L>>): MetricValue[] => series.map((s) => ({ labels: s.labels, value: s.value }))

/** The registry `/metrics` serves: every metric read from `snapshot()` at scrape time, nothing recomputed. */
export function teamMetricsRegistry(snapshot: () => Promise<TeamMetricsSnapshot> | TeamMetricsSnapshot, ingestLagSeconds: () => number): Registry {
  const registry = new Registry()
  registry.registerMetric(snapshotMetric(METRICS.runs, 'counter', async () => counts((await snapshot()).runs)))
  registry.registerMetric(
    snapshotMetric(METRICS.duration, 'histogram', async () =>
      (await snapshot()).durations.flatMap((d): MetricValue[] => [
        ...DURATION_BOUNDS_S.map((le, i) => ({ metricName: `${METRICS.duration.name}_bucket`, labels: { skill: d.skill, le }, value: d.cumulative[i]! })),
        { metricName: `${METRICS.duration.name}_bucket`, labels: { skill: d.skill, le: '+Inf' }, value: d.cumulative.at(-1)! },
        { metricName: `${METRICS.duration.name}_sum`, labels: { skill: d.skill }, value: d.sumSeconds },
        { metricName: `${METRICS.duration.name}_count`, labels: { skill: d.skill }, value: d.cumulative.at(-1)! },
      ]),
    ),
  )
  registry.registerMetric(snapshotMetric(METRICS.toolCalls, 'counter', async () => counts((await snapshot()).toolCalls)))
  registry.registerMetric(snapshotMetric(METRICS.tokens, 'counter', async () => counts((await snapshot()).tokens)))
  registry.registerMetric(snapshotMetric(METRICS.ingestErrors, 'counter', async () => [{ value: (await snapshot()).ingestErrors }]))
  registry.registerMetric(snapshotMetric(METRICS.ingestLag, 'gauge', () => [{ value: ingestLagSeconds() }]))
  return registry
}

/** The time series each metric has in a scrape: a histogram has one per bucket, plus its sum and count, per skill. */
export function seriesPerMetric(snapshot: TeamMetricsSnapshot): Record<string, number> {
  return {
    [METRICS.runs.name]: snapshot.runs.length,
    [METRICS.duration.name]: snapshot.durations.length * (DURATION_BOUNDS_S.length + 3),
    [METRICS.toolCalls.name]: snapshot.toolCalls.length,
    [METRICS.tokens.name]: snapshot.tokens.length,
    [METRICS.ingestErrors.name]: 1,
    [METRICS.ingestLag.name]: 1,
  }
}
