import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { SkillEffectivenessView } from '../../shared/api/insights'
import type { SkillMetricsList, SkillMetricsView } from '../../shared/api/tracking'
import { dispatch } from '../api/dispatch'
import { openAppContext, type AppContext } from '../app-context'
import { connectMcp } from '../test-support/mcp-client'
import { runCli } from '../test-support/run-cli'
import { fileTempDir, makeProjectFolder } from '../test-support/temp-dir'

const dataDir = fileTempDir()
const root = fileTempDir()

/** The per-skill figures every surface must agree on. */
interface Figures {
  invocations: number
  completed: number
  failed: number
  abandoned: number
  unknown: number
  running: number
  p50: number | null
  p95: number | null
  samples: number
}
const fromMetrics = (m: SkillMetricsView): Figures => ({ invocations: m.invocations, completed: m.completed, failed: m.failed, abandoned: m.abandoned, unknown: m.unknown, running: m.running, p50: m.p50DurationMs, p95: m.p95DurationMs, samples: m.durationSamples })
const fromEffectiveness = (e: SkillEffectivenessView): Figures => ({ invocations: e.invocations, completed: e.completed, failed: e.failed, abandoned: e.abandoned, unknown: e.unknown, running: e.running, p50: e.p50Ms, p95: e.p95Ms, samples: e.durationSamples })
const bySkill = <T>(rows: Array<{ skill: string }>, pick: (row: never) => T) => Object.fromEntries(rows.map((r) => [r.skill, pick(r as never)]))

let context: AppContext
let excludedId: number

beforeAll(async () => {
  const shop = makeProjectFolder(root, 'shop')
  const billing = makeProjectFolder(root, 'billing')
  for (const dir of [shop, billing]) expect((await runCli(['--data-dir', dataDir, 'projects', 'add', dir])).code).toBe(0)
  context = await openAppContext({ dataDir, claudeConfigDirs: [], transcriptRoots: [] })
  const sqlite = context.database.sqlite
  const [shopId, billingId] = sqlite.prepare('select id from projects order by id').pluck().all() as [number, number]
  excludedId = billingId
  const insert = sqlite.prepare(
    `insert into skill_invocations (project_id, session_id, skill_name, status, started_at, ended_at, duration_ms, source, source_ref, outcome_source)
     values (?, null, ?, ?, ?, ?, ?, 'test', ?, 'inferred')`,
  )
  let n = 0
  const add = (project: number, skill: string, status: string, day: number, durationMs: number | null) => {
    // Running runs started a minute ago: older ones would be swept to abandoned by the CLI's ingest (the timeout).
    const started = status === 'running' ? new Date(Date.now() - 60_000 + n) : new Date(Date.UTC(2026, 9, 1 + day, 10, 0, 0, n))
    insert.run(project, skill, status, started.toISOString(), durationMs === null ? null : new Date(started.getTime() + durationMs).toISOString(), durationMs, `r-${n++}`)
  }
  // A small sample (exact percentiles) spread over two months and both projects, every status.
  const statuses = ['completed', 'completed', 'failed', 'abandoned', 'unknown', 'running'] as const
  for (let i = 0; i < 30; i++) add(i % 3 === 0 ? billingId : shopId, 'debugging', statuses[i % statuses.length]!, i * 2, statuses[i % 6] === 'running' ? null : 30_000 + i * 1000)
  // A large sample (histogram percentiles) in one project.
  for (let i = 0; i < 450; i++) add(shopId, 'lint', i % 10 === 0 ? 'failed' : 'completed', i % 60, 500 + (i % 37) * 100)
  // An abandoned run whose end is not known (the timeout sweep): counted, never timed.
  add(shopId, 'deploy', 'abandoned', 3, null)
}, 30_000)

afterAll(async () => {
  await context?.close()
})

async function surfaces(scope: 'all' | 'included') {
  const call = async <T>(name: Parameters<typeof dispatch>[1], input: unknown): Promise<T> => {
    const result = await dispatch(context.handlers, name, input)
    if (!result.ok) throw new Error(`${name}: ${result.error.message}`)
    return result.data as T
  }
  const cli = await runCli(['--data-dir', dataDir, 'skills', '--json', ...(scope === 'included' ? ['--included'] : [])])
  expect(cli.code, cli.stderr).toBe(0)
  const list = await call<SkillMetricsList>('skills-metrics', { scope })
  const skills = list.skills.map((s) => s.skill)
  const pages = Object.fromEntries(
    await Promise.all(skills.map(async (skill) => [skill, fromEffectiveness((await call<{ effectiveness: SkillEffectivenessView }>('skill-insights', { skill, scope })).effectiveness)])),
  )
  return {
    list: bySkill(list.skills, fromMetrics),
    skillPage: pages,
    cli: bySkill((JSON.parse(cli.stdout) as SkillMetricsList).skills, fromMetrics),
  }
}

describe('one truth: the same scope gives the same per-skill figures on every surface', () => {
  it('Skills list, Skill page, Insights, skills --json and MCP get_skill_metrics agree when every project is included', async () => {
    const s = await surfaces('all')
    const insights = await dispatch(context.handlers, 'insights-get', {})
    expect(insights.ok).toBe(true)
    const fromInsights = bySkill((insights.ok ? (insights.data as { skills: SkillEffectivenessView[] }) : { skills: [] }).skills, fromEffectiveness)
    const mcp = await connectMcp({ dataDir, cwd: root })
    let fromMcp: Record<string, Figures>
    try {
      const result = await mcp.client.callTool({ name: 'get_skill_metrics', arguments: {} })
      fromMcp = bySkill((result.structuredContent as { skills: SkillMetricsView[] }).skills, fromMetrics)
    } finally {
      await mcp.close()
    }

    expect(Object.keys(s.list).sort()).toEqual(['debugging', 'deploy', 'lint'])
    expect(s.skillPage).toEqual(s.list)
    expect(fromInsights).toEqual(s.list)
    expect(s.cli).toEqual(s.list)
    expect(fromMcp).toEqual(s.list)
    // And they are right: 30 debugging runs, 5 of each status; exact durations of the 25 ended ones.
    expect(s.list.debugging).toMatchObject({ invocations: 30, completed: 10, failed: 5, abandoned: 5, unknown: 5, running: 5, samples: 25 })
    expect(s.list.deploy).toMatchObject({ invocations: 1, abandoned: 1, samples: 0, p50: null })
    expect(s.list.lint).toMatchObject({ invocations: 450, failed: 45, samples: 450 })
  }, 60_000)

  it('with a project left out, included-only surfaces agree with each other, and "all" surfaces with each other', async () => {
    context.database.sqlite.prepare('update projects set include_in_insights = 0 where id = ?').run(excludedId)
    const included = await surfaces('included')
    const all = await surfaces('all')
    const insights = await dispatch(context.handlers, 'insights-get', {})
    const fromInsights = bySkill((insights.ok ? (insights.data as { skills: SkillEffectivenessView[] }) : { skills: [] }).skills, fromEffectiveness)
    expect(included.skillPage).toEqual(included.list)
    expect(included.cli).toEqual(included.list)
    expect(fromInsights).toEqual(included.list)
    // MCP answers into the assistant's context: it follows the include switch, like Insights.
    const mcp = await connectMcp({ dataDir, cwd: root })
    try {
      const result = await mcp.client.callTool({ name: 'get_skill_metrics', arguments: {} })
      expect(bySkill((result.structuredContent as { skills: SkillMetricsView[] }).skills, fromMetrics)).toEqual(included.list)
    } finally {
      await mcp.close()
    }
    expect(all.skillPage).toEqual(all.list)
    expect(all.cli).toEqual(all.list)
    // The left-out project had 10 of the 30 debugging runs.
    expect(included.list.debugging!.invocations).toBe(20)
    expect(all.list.debugging!.invocations).toBe(30)
  }, 60_000)
})

