import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { SkillMetricsList } from '../../shared/api/tracking'
import type { AppContext } from '../app-context'
import { refreshInsightSummaries } from '../insights/insight-summaries'
import { projectAliases } from '../reports/report-model'
import { METRICS } from './prometheus-registry'
import { apiCaller, testContext } from '../test-support/app-context'
import { seedInsightsDataset } from '../test-support/insights-dataset'
import { fileTempDir } from '../test-support/temp-dir'
import { freePort } from '../test-support/free-port'

const hasPrometheus = spawnSync('prometheus', ['--version']).status === 0
if (!hasPrometheus) console.warn('Skipping the Prometheus integration test: no `prometheus` on PATH (Debian package "prometheus"; .ci/run installs it).')


type Vector = Array<{ metric: Record<string, string>; value: [number, string] }>

describe.skipIf(!hasPrometheus)('a real Prometheus scraping the team metrics endpoint', () => {
  let context: AppContext
  let prometheus: ChildProcess
  let api: string
  let metricsUrl: string
  let excludedAlias: string
  const work = fileTempDir()

  const query = async (promql: string): Promise<Vector> => {
    const response = await fetch(`${api}/api/v1/query?query=${encodeURIComponent(promql)}`)
    const body = (await response.json()) as { status: string; data: { result: Vector } }
    expect(body.status).toBe('success')
    return body.data.result
  }
  const until = async (check: () => Promise<boolean>, ms = 30_000) => {
    const end = Date.now() + ms
    while (Date.now() < end) {
      if (await check().catch(() => false)) return
      await new Promise((r) => setTimeout(r, 250))
    }
    throw new Error('Prometheus did not get there in time')
  }

  beforeAll(async () => {
    context = await testContext()
    const sqlite = context.database.sqlite
    seedInsightsDataset(sqlite, path.join(work, 'projects'))
    refreshInsightSummaries(sqlite)
    const excluded = sqlite.prepare("select id, path from projects where name = 'delta'").get() as { id: number; path: string }
    excludedAlias = projectAliases(sqlite, [excluded]).get(excluded.id)!
    await context.teamMetrics.start({ port: 0 })
    metricsUrl = context.teamMetrics.endpointStatus().url!
    const target = new URL(metricsUrl).host
    const tokenFile = context.teamMetrics.endpointStatus().tokenFile
    context.teamMetrics.token()

    const port = await freePort()
    api = `http://127.0.0.1:${port}`
    const config = path.join(work, 'prometheus.yml')
    fs.writeFileSync(
      config,
      [
        'global: { scrape_interval: 1s }',
        'scrape_configs:',
        '  - job_name: session-buddy',
        `    static_configs: [{ targets: ['${target}'] }]`,
        `    authorization: { type: Bearer, credentials_file: '${tokenFile}' }`,
        '  - job_name: without-token',
        `    static_configs: [{ targets: ['${target}'] }]`,
        '',
      ].join('\n'),
    )
    // `timeout` stops Prometheus by itself if the test dies before afterAll.
    prometheus = spawn('timeout', ['180', 'prometheus', `--config.file=${config}`, `--storage.tsdb.path=${path.join(work, 'tsdb')}`, `--web.listen-address=127.0.0.1:${port}`], { stdio: 'ignore' })
    await until(async () => (await query('up')).length === 2)
  }, 60_000)

  afterAll(async () => {
    prometheus?.kill('SIGTERM')
    await context?.teamMetrics.close()
  })

  it('scrapes with the token and finds each skill\'s run counts exactly; the scrape without the token is refused', async () => {
    await until(async () => (await query('up{job="session-buddy"} == 1')).length === 1 && (await query('session_buddy_skill_runs_total')).length > 0)
    const expected = await apiCaller(context)<SkillMetricsList>('skills-metrics', { scope: 'included' })
    const result = await query('sum by (skill, outcome) (session_buddy_skill_runs_total{job="session-buddy"})')
    const got = Object.fromEntries(result.map((r) => [`${r.metric.skill} ${r.metric.outcome}`, Number(r.value[1])]))
    const want: Record<string, number> = {}
    for (const skill of expected.skills) for (const outcome of ['completed', 'failed', 'abandoned', 'unknown'] as const) if (skill[outcome] > 0) want[`${skill.skill} ${outcome}`] = skill[outcome]
    expect(Object.keys(want).length).toBeGreaterThanOrEqual(5)
    expect(got).toEqual(want)

    // The job without the token gets nothing: Prometheus marks it down, and so does a plain request.
    expect((await query('up{job="without-token"}'))[0]!.value[1]).toBe('0')
    expect((await query('session_buddy_skill_runs_total{job="without-token"}')).length).toBe(0)
    expect((await fetch(metricsUrl)).status).toBe(401)
    expect((await fetch(metricsUrl, { headers: { authorization: 'Bearer wrong' } })).status).toBe(401)
  }, 60_000)

  it('sees no excluded project, only pseudonyms', async () => {
    const projects = (await query('count by (project) (session_buddy_skill_runs_total)')).map((r) => r.metric.project!)
    expect(projects).toHaveLength(3)
    expect(projects).not.toContain(excludedAlias)
    expect(projects).not.toContain('delta')
    for (const project of projects) expect(project).toMatch(/^project-[0-9a-f]{6}$/)
    // The histogram's count agrees with the runs that have a duration.
    const count = await query('sum(session_buddy_skill_run_duration_seconds_count)')
    expect(Number(count[0]!.value[1])).toBeGreaterThan(0)
  })

  it('runs every query of the Grafana dashboard, and of docs/teams.md, on metrics the endpoint serves', async () => {
    const dashboard = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', '..', 'docs', 'grafana', 'session-buddy.json'), 'utf8')) as { panels: Array<{ targets: Array<{ expr: string }> }> }
    const docs = fs.readFileSync(path.join(__dirname, '..', '..', '..', 'docs', 'teams.md'), 'utf8')
    const exprs = [...dashboard.panels.flatMap((p) => p.targets.map((t) => t.expr)), ...[...docs.matchAll(/```promql\n([\s\S]*?)```/g)].map((m) => m[1]!.trim())]
    expect(exprs.length).toBeGreaterThanOrEqual(11)
    const served = new Set(Object.values(METRICS).map((m) => m.name))
    for (const expr of exprs) {
      for (const [name] of expr.matchAll(/session_buddy_[a-z_]+/g)) expect(served, expr).toContain(name.replace(/_(bucket|sum|count)$/, ''))
      await query(expr) // Prometheus parses and runs it (a query it refuses fails here)
    }
  })
})

