import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type BetterSqlite3 from 'better-sqlite3'
import { openAppContext } from '../../src/main/app-context'
import { ms, report, summary, timeRuns } from './stats'

const TYPES = ['node', 'python', 'rust', 'go']
const SKILL_POOL = 40
const DAYS = 180

/** Deterministic pseudo-random numbers, so every run measures the same data. */
function random(seed: number) {
  let state = seed
  return () => ((state = (state * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31)
}

/** `projects` projects with `perProject` invocations each over 180 days, in sessions of about five skills. */
export function seed(sqlite: BetterSqlite3.Database, projects: number, perProject: number): void {
  const next = random(42)
  const end = Date.parse('2026-11-24T00:00:00Z')
  const addProject = sqlite.prepare("insert into projects (path, name, project_type, registered_at, updated_at) values (?, ?, ?, 'x', 'x')")
  const addSession = sqlite.prepare("insert into sessions (id, project_id, started_at, source, created_at) values (?, ?, ?, 'bench', 'x')")
  const addInvocation = sqlite.prepare(
    "insert into skill_invocations (project_id, session_id, skill_name, status, started_at, duration_ms, source, source_ref) values (?, ?, ?, ?, ?, ?, 'bench', ?)",
  )
  let ref = 0
  sqlite.transaction(() => {
    for (let p = 0; p < projects; p++) {
      const projectId = Number(addProject.run(`/bench/p${p}`, `p${p}`, TYPES[p % TYPES.length]).lastInsertRowid)
      const skills = Array.from({ length: 20 }, (_, i) => `skill-${(p * 7 + i * 3) % SKILL_POOL}`)
      for (let done = 0, s = 0; done < perProject; s++) {
        const start = end - Math.floor(next() * DAYS * 86_400_000)
        const session = `p${p}-s${s}`
        addSession.run(session, projectId, new Date(start).toISOString())
        const length = Math.min(perProject - done, 3 + Math.floor(next() * 5))
        for (let i = 0; i < length; i++, done++) {
          const roll = next()
          const status = roll < 0.8 ? 'completed' : roll < 0.9 ? 'failed' : roll < 0.97 ? 'abandoned' : 'running'
          const skill = skills[Math.floor(next() ** 2 * skills.length)]!
          addInvocation.run(projectId, session, skill, status, new Date(start + i * 90_000).toISOString(), status === 'running' ? null : Math.floor(500 + next() ** 3 * 600_000), `b${ref++}`)
        }
      }
    }
  })()
}

/** Insights latency at 10 and 100 projects (1M invocations), the summary refresh, and report export. */
export async function benchInsights(): Promise<void> {
  for (const projects of [10, 100]) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'session-buddy-bench-insights-'))
    try {
      const context = await openAppContext({ dataDir: dir, claudeConfigDirs: [] })
      const sqlite = context.database.sqlite
      let started = performance.now()
      seed(sqlite, projects, 10_000)
      const invocations = sqlite.prepare('select count(*) from skill_invocations').pluck().get() as number
      report(`${projects} projects: write ${invocations.toLocaleString('en')} invocations`, `${((performance.now() - started) / 1000).toFixed(1)} s`)
      started = performance.now()
      const refresh = context.insights.refresh()
      report(`${projects} projects: build summaries from scratch`, `${(refresh.ms / 1000).toFixed(1)} s for ${refresh.days.toLocaleString('en')} project-days`)
      const rows = sqlite.prepare('select (select count(*) from usage_daily) + (select count(*) from duration_daily) + (select count(*) from sequence_daily)').pluck().get() as number
      report(`${projects} projects: summary rows`, rows.toLocaleString('en'))
      for (const days of [30, undefined]) {
        const times = await timeRuns(10, () => context.handlers['insights-get'](days ? { days, until: '2026-11-24' } : { until: '2026-11-24' }), 2)
        report(`${projects} projects: all insights, ${days ? `last ${days} days` : 'all time'}`, summary(times))
      }
      const skill = await timeRuns(10, () => context.handlers['skill-insights']({ skill: 'skill-3', until: '2026-11-24' }), 2)
      report(`${projects} projects: one skill's page, all time`, summary(skill))
      // The Skills list and `skills --json` (target: under 300 ms at 1M runs).
      const list = await timeRuns(5, () => context.handlers['skills-metrics']({ scope: 'all' }), 1)
      report(`${projects} projects: Skills list (skills-metrics), all time`, summary(list))
      // One new event makes one project-day dirty: the next read recomputes just that.
      sqlite.prepare("insert into skill_invocations (project_id, session_id, skill_name, status, started_at, source, source_ref) values (1, 'p0-s0', 'skill-1', 'completed', '2026-11-24T10:00:00.000Z', 'bench', 'late')").run()
      started = performance.now()
      await context.handlers['insights-get']({ until: '2026-11-24' })
      report(`${projects} projects: insights right after a new event`, ms(performance.now() - started))
      for (const format of ['html', 'pdf'] as const) {
        started = performance.now()
        try {
          const file = await context.handlers['insights-report']({ format, until: '2026-11-24' })
          report(`${projects} projects: export ${format}`, `${ms(performance.now() - started)} (${(file.content.length / 1024).toFixed(0)} KB)`)
        } catch (error) {
          report(`${projects} projects: export ${format}`, `skipped: ${(error as Error).message}`)
        }
      }
      await context.close()
    } finally {
      fs.rmSync(dir, { recursive: true, force: true })
    }
  }
}
