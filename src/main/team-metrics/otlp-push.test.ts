import http from 'node:http'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { TeamMetricsView } from '../../shared/api/team-metrics'
import { refreshInsightSummaries } from '../insights/insight-summaries'
import { apiCaller, testContext } from '../test-support/app-context'
import { seedInsightsDataset } from '../test-support/insights-dataset'
import { tempDir } from '../test-support/temp-dir'

interface OtlpAttribute {
  key: string
  value: { stringValue?: string }
}
interface OtlpMetric {
  name: string
  unit: string
  sum?: { isMonotonic: boolean; dataPoints: Array<{ attributes: OtlpAttribute[]; asInt?: string; asDouble?: number }> }
  histogram?: { dataPoints: Array<{ attributes: OtlpAttribute[]; count: string; bucketCounts: string[]; explicitBounds: number[] }> }
  gauge?: { dataPoints: unknown[] }
}

const receivers: http.Server[] = []
afterEach(() => {
  for (const server of receivers.splice(0)) server.close()
})

/** An OTLP/HTTP metrics receiver on loopback, written for the test: keeps every JSON export it is sent. */
async function receiver() {
  const bodies: Array<{ headers: http.IncomingHttpHeaders; body: { resourceMetrics: Array<{ resource: { attributes: OtlpAttribute[] }; scopeMetrics: Array<{ metrics: OtlpMetric[] }> }> } }> = []
  const server = http.createServer((req, res) => {
    let text = ''
    req.on('data', (chunk: Buffer) => (text += chunk.toString()))
    req.on('end', () => {
      if (req.url === '/v1/metrics' && req.method === 'POST') bodies.push({ headers: req.headers, body: JSON.parse(text) })
      res.writeHead(200, { 'Content-Type': 'application/json' }).end('{}')
    })
  })
  receivers.push(server)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}/v1/metrics`, bodies }
}

const attrs = (list: OtlpAttribute[]) => Object.fromEntries(list.map((a) => [a.key, a.value.stringValue]))

describe('OpenTelemetry push', () => {
  it('sends the same metrics, with the privacy rules, to an OTLP/HTTP receiver, as set in settings', async () => {
    const { url, bodies } = await receiver()
    const context = await testContext()
    const sqlite = context.database.sqlite
    const root = tempDir()
    seedInsightsDataset(sqlite, path.join(root, 'projects'))
    refreshInsightSummaries(sqlite)
    const call = apiCaller(context)
    // Off by default: nothing is sent.
    expect((await call<TeamMetricsView>('team-metrics-get', {})).settings.otlp.enabled).toBe(false)
    await context.teamMetrics.start()
    await context.teamMetrics.flushPush()
    expect(bodies).toHaveLength(0)

    const view = await call<TeamMetricsView>('team-metrics-set', { otlp: { enabled: true, endpoint: url, intervalSeconds: 3600 } })
    expect(view.otlp.endpoint).toBe(url)
    await context.teamMetrics.flushPush()
    expect(bodies.length).toBeGreaterThanOrEqual(1)
    const { resourceMetrics } = bodies.at(-1)!.body
    expect(attrs(resourceMetrics[0]!.resource.attributes)['service.name']).toBe('session-buddy')
    const metrics = new Map(resourceMetrics.flatMap((r) => r.scopeMetrics.flatMap((s) => s.metrics)).map((m) => [m.name, m]))
    expect([...metrics.keys()].sort()).toEqual([
      'session_buddy_ingest_errors',
      'session_buddy_ingest_lag_seconds',
      'session_buddy_skill_run_duration_seconds',
      'session_buddy_skill_runs',
      'session_buddy_tokens',
      'session_buddy_tool_calls',
    ])

    // The same counts as the Prometheus endpoint's snapshot, series for series.
    const snapshot = await context.teamMetrics.latest()
    const runs = metrics.get('session_buddy_skill_runs')!.sum!
    expect(runs.isMonotonic).toBe(true)
    const sent = runs.dataPoints.map((p) => ({ labels: attrs(p.attributes), value: Number(p.asInt ?? p.asDouble) }))
    expect(sent.sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)))).toEqual(
      snapshot.runs.map((s) => ({ labels: s.labels, value: s.value })).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
    )
    const histogram = metrics.get('session_buddy_skill_run_duration_seconds')!.histogram!
    expect(histogram.dataPoints.map((p) => Number(p.count)).reduce((a, b) => a + b, 0)).toBe(snapshot.durations.reduce((a, d) => a + d.cumulative.at(-1)!, 0))
    expect(histogram.dataPoints[0]!.bucketCounts).toHaveLength(histogram.dataPoints[0]!.explicitBounds.length + 1)

    // Privacy: pseudonyms, no excluded project, no name or path anywhere in what was sent.
    const text = JSON.stringify(bodies)
    for (const name of ['alpha', 'beta', 'gamma', 'delta']) expect(text).not.toContain(`"${name}"`)
    expect(text).not.toContain(root)
    expect(new Set(sent.map((s) => s.labels.project))).toHaveProperty('size', 3)
    await context.teamMetrics.close()
  })

  it('follows OTEL_EXPORTER_OTLP_ENDPOINT and its headers when no endpoint is set', async () => {
    const { url, bodies } = await receiver()
    const saved = { endpoint: process.env.OTEL_EXPORTER_OTLP_ENDPOINT, headers: process.env.OTEL_EXPORTER_OTLP_HEADERS }
    process.env.OTEL_EXPORTER_OTLP_ENDPOINT = url.replace('/v1/metrics', '')
    process.env.OTEL_EXPORTER_OTLP_HEADERS = 'x-team=platform'
    try {
      const context = await testContext()
      await context.teamMetrics.start()
      const view = await apiCaller(context)<TeamMetricsView>('team-metrics-set', { otlp: { enabled: true } })
      expect(view.otlp.endpoint).toBe(url)
      await context.teamMetrics.flushPush()
      expect(bodies.length).toBeGreaterThanOrEqual(1)
      expect(bodies[0]!.headers['x-team']).toBe('platform')
      await context.teamMetrics.close()
    } finally {
      for (const [key, value] of [['OTEL_EXPORTER_OTLP_ENDPOINT', saved.endpoint], ['OTEL_EXPORTER_OTLP_HEADERS', saved.headers]] as const) {
        if (value === undefined) delete process.env[key]
        else process.env[key] = value
      }
    }
  })
})
