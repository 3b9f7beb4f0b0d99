import { ValueType, type Attributes, type HrTime } from '@opentelemetry/api'
import { OTLPMetricExporter } from '@opentelemetry/exporter-metrics-otlp-http'
import { resourceFromAttributes } from '@opentelemetry/resources'
import {
  AggregationTemporality,
  DataPointType,
  MeterProvider,
  PeriodicExportingMetricReader,
  type CollectionResult,
  type MetricData,
  type MetricProducer,
  type PushMetricExporter,
} from '@opentelemetry/sdk-metrics'
import { packageVersion } from '../system/package-root'
import { DURATION_BOUNDS_S, type CountSeries, type TeamMetricsSnapshot } from './metrics-snapshot'
import { METRICS } from './prometheus-registry'

/** OTLP names are the Prometheus names without `_total`: a collector's Prometheus exporter adds it back for sums. */
export const otlpName = (prometheusName: string) => prometheusName.replace(/_total$/, '')

const hrTime = (ms: number): HrTime => [Math.floor(ms / 1000), (ms % 1000) * 1e6]

/** Turns the snapshot into OTLP metric data: the same series, labels and privacy as `/metrics`. */
export function snapshotToOtlp(snapshot: TeamMetricsSnapshot, ingestLagSeconds: number, startMs: number): MetricData[] {
  const start = hrTime(startMs)
  const end = hrTime(snapshot.at)
  const sum = <L extends string>(meta: { name: string; help: string }, unit: string, series: Array<CountSeries<L>>): MetricData => ({
    descriptor: { name: otlpName(meta.name), description: meta.help, unit, valueType: ValueType.INT },
    aggregationTemporality: AggregationTemporality.CUMULATIVE,
    dataPointType: DataPointType.SUM,
    isMonotonic: true,
    dataPoints: series.map((s) => ({ startTime: start, endTime: end, attributes: s.labels as Attributes, value: s.value })),
  })
  return [
    sum(METRICS.runs, '{run}', snapshot.runs),
    {
      descriptor: { name: METRICS.duration.name, description: METRICS.duration.help, unit: 's', valueType: ValueType.DOUBLE },
      aggregationTemporality: AggregationTemporality.CUMULATIVE,
      dataPointType: DataPointType.HISTOGRAM,
      dataPoints: snapshot.durations.map((d) => ({
        startTime: start,
        endTime: end,
        attributes: { skill: d.skill },
        value: {
          // OTLP bucket counts are per bucket, not cumulative.
          buckets: { boundaries: DURATION_BOUNDS_S, counts: d.cumulative.map((c, i) => c - (i === 0 ? 0 : d.cumulative[i - 1]!)) },
          sum: d.sumSeconds,
          count: d.cumulative.at(-1)!,
        },
      })),
    },
    sum(METRICS.toolCalls, '{call}', snapshot.toolCalls),
    sum(METRICS.tokens, '{token}', snapshot.tokens),
    sum(METRICS.ingestErrors, '{error}', [{ labels: {}, value: snapshot.ingestErrors }]),
    {
      descriptor: { name: METRICS.ingestLag.name, description: METRICS.ingestLag.help, unit: 's', valueType: ValueType.DOUBLE },
      aggregationTemporality: AggregationTemporality.CUMULATIVE,
      dataPointType: DataPointType.GAUGE,
      dataPoints: [{ startTime: end, endTime: end, attributes: {}, value: ingestLagSeconds }],
    },
  ]
}

export interface OtlpPush {
  /** Sends now (also on the interval); resolves when the collector answered. */
  flush(): Promise<void>
  close(): Promise<void>
}

/**
 * Pushes the snapshot on an interval with the OTLP/HTTP exporter. With no `endpoint`, the exporter follows the
 * standard variables (OTEL_EXPORTER_OTLP_METRICS_ENDPOINT, OTEL_EXPORTER_OTLP_ENDPOINT, OTEL_EXPORTER_OTLP_HEADERS…).
 */
export function startOtlpPush(options: {
  endpoint: string | undefined
  intervalMs: number
  snapshot: () => Promise<TeamMetricsSnapshot>
  ingestLagSeconds: () => number
  onExport: (error: Error | null) => void
  exporter?: PushMetricExporter
}): OtlpPush {
  const started = Date.now()
  const producer: MetricProducer = {
    collect: async (): Promise<CollectionResult> => ({
      resourceMetrics: {
        resource: resourceFromAttributes({}),
        scopeMetrics: [{ scope: { name: 'session-buddy', version: packageVersion() }, metrics: snapshotToOtlp(await options.snapshot(), options.ingestLagSeconds(), started) }],
      },
      errors: [],
    }),
  }
  const exporter = options.exporter ?? new OTLPMetricExporter(options.endpoint ? { url: options.endpoint } : {})
  const reporting: PushMetricExporter = {
    export: (metrics, done) =>
      exporter.export(metrics, (result) => {
        options.onExport(result.error ?? (result.code === 0 ? null : new Error('the collector refused the export')))
        done(result)
      }),
    forceFlush: () => exporter.forceFlush(),
    shutdown: () => exporter.shutdown(),
    selectAggregationTemporality: exporter.selectAggregationTemporality?.bind(exporter),
  }
  const reader = new PeriodicExportingMetricReader({ exporter: reporting, exportIntervalMillis: options.intervalMs, exportTimeoutMillis: Math.min(30_000, options.intervalMs), metricProducers: [producer] })
  const provider = new MeterProvider({
    resource: resourceFromAttributes({ 'service.name': 'session-buddy', 'service.version': packageVersion() }),
    readers: [reader],
  })
  return { flush: () => reader.forceFlush(), close: () => provider.shutdown() }
}
