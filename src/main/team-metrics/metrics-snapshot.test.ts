import { describe, expect, it } from 'vitest'
import type { SkillMetricsList } from '../../shared/api/tracking'
import { apiCaller, testContext } from '../test-support/app-context'
import { seedInsightsDataset } from '../test-support/insights-dataset'
import { tempDir } from '../test-support/temp-dir'
import { refreshInsightSummaries } from '../insights/insight-summaries'
import { MAX_LABEL_VALUES, OTHER, readTeamMetrics } from './metrics-snapshot'
import { teamMetricsRegistry } from './prometheus-registry'

async function seeded() {
  const context = await testContext()
  const root = tempDir()
  const dataset = seedInsightsDataset(context.database.sqlite, root)
  refreshInsightSummaries(context.database.sqlite)
  return { context, root, dataset, call: apiCaller(context) }
}

/** Every label value of every series a scrape returns. */
async function labelValues(text: string): Promise<string[]> {
  return [...text.matchAll(/\{([^}]*)\}/g)].flatMap((m) => [...m[1]!.matchAll(/\w+="((?:[^"\\]|\\.)*)"/g)].map((v) => v[1]!))
}

describe('team metrics', () => {
  it('count each skill\'s ended runs by outcome exactly as the Skills page does for included projects', async () => {
    const { context, call } = await seeded()
    const snapshot = readTeamMetrics(context.database.sqlite, { includeProjectNames: false })
    const list = await call<SkillMetricsList>('skills-metrics', { scope: 'included' })
    for (const skill of list.skills) {
      for (const outcome of ['completed', 'failed', 'abandoned', 'unknown'] as const) {
        const exported = snapshot.runs.filter((s) => s.labels.skill === skill.skill && s.labels.outcome === outcome).reduce((sum, s) => sum + s.value, 0)
        expect(exported, `${skill.skill} ${outcome}`).toBe(skill[outcome])
      }
      const durations = snapshot.durations.find((d) => d.skill === skill.skill)
      expect(durations?.cumulative.at(-1) ?? 0, skill.skill).toBe(skill.durationSamples)
    }
    expect(list.skills.length).toBeGreaterThanOrEqual(3)
    expect(new Set(snapshot.runs.map((s) => s.labels.skill))).toEqual(new Set(list.skills.map((s) => s.skill)))
    expect(snapshot.projects).toBe(3)
  })

  it('never carry a path, a prompt or a project name in a label with the defaults, and leave out excluded projects', async () => {
    const { context, root } = await seeded()
    const sqlite = context.database.sqlite
    const names = sqlite.prepare('select name from projects').pluck().all() as string[]
    const prompts = sqlite.prepare('select user_query from skill_invocations where user_query is not null').pluck().all() as string[]
    const snapshot = readTeamMetrics(sqlite, { includeProjectNames: false })
    const text = await teamMetricsRegistry(() => snapshot, () => 0).metrics()
    const values = await labelValues(text)
    expect(values.length).toBeGreaterThan(20)
    for (const value of values) {
      expect(value).not.toContain(root)
      expect(value).not.toMatch(/[\\/]/)
      expect(names, value).not.toContain(value)
      expect(prompts, value).not.toContain(value)
    }
    const projects = new Set(snapshot.runs.map((s) => s.labels.project))
    expect(projects.size).toBe(3) // alpha, beta, gamma; delta is excluded
    for (const project of projects) expect(project).toMatch(/^project-[0-9a-f]{6}$/)
    // Names only when the user ticks them in, and still never the excluded project's.
    const named = new Set(readTeamMetrics(sqlite, { includeProjectNames: true }).runs.map((s) => s.labels.project))
    expect(named).toEqual(new Set(['alpha', 'beta', 'gamma']))
  })

  it('export at most 201 series per metric for 10,000 distinct skills: the busiest 200 and "other"', async () => {
    const context = await testContext()
    const sqlite = context.database.sqlite
    const now = new Date().toISOString()
    const project = Number(sqlite.prepare("insert into projects (path, name, include_in_insights, registered_at, updated_at) values ('/p', 'p', 1, ?, ?)").run(now, now).lastInsertRowid)
    const insert = sqlite.prepare(
      "insert into skill_invocations (project_id, skill_name, status, started_at, ended_at, duration_ms, source, source_ref) values (?, ?, 'completed', ?, ?, 1200, 'test', ?)",
    )
    const tool = sqlite.prepare("insert into tool_calls (tool_use_id, project_id, session_id, name, started_at, status) values (?, ?, 's', ?, ?, 'ok')")
    sqlite.transaction(() => {
      for (let i = 0; i < 10_000; i++) {
        // skill-00000 runs most, so the kept 200 are the first 200.
        const runs = i < 200 ? 3 : 1
        for (let r = 0; r < runs; r++) insert.run(project, `skill-${String(i).padStart(5, '0')}`, now, now, `ref-${i}-${r}`)
        tool.run(`t-${i}`, project, `mcp__tool_${i}`, now)
      }
    })()
    refreshInsightSummaries(sqlite)
    const snapshot = readTeamMetrics(sqlite, { includeProjectNames: false })
    const skills = new Set(snapshot.runs.map((s) => s.labels.skill))
    expect(skills.size).toBe(MAX_LABEL_VALUES + 1)
    expect(skills.has(OTHER)).toBe(true)
    expect(skills.has('skill-00199')).toBe(true)
    expect(snapshot.runs).toHaveLength(201)
    expect(snapshot.durations).toHaveLength(201)
    expect(snapshot.toolCalls).toHaveLength(201)
    // Nothing is lost by grouping: "other" holds the rest.
    expect(snapshot.runs.find((s) => s.labels.skill === OTHER)!.value).toBe(9_800)
    expect(snapshot.runs.reduce((sum, s) => sum + s.value, 0)).toBe(10_400)
    const text = await teamMetricsRegistry(() => snapshot, () => 0).metrics()
    expect(text.match(/^session_buddy_skill_runs_total\{/gm)).toHaveLength(201)
    expect(text.match(/^session_buddy_skill_run_duration_seconds_count\{/gm)).toHaveLength(201)
  })
})
