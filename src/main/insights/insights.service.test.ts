import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { openDatabase } from '../storage/database'
import { seedInsightsDataset } from '../test-support/insights-dataset'
import { tempDir } from '../test-support/temp-dir'
import { bucketMidpointMs, durationBucket, sessionSequences } from './insight-summaries'
import { InsightsService } from './insights.service'

async function setup() {
  const root = tempDir()
  const database = await openDatabase(path.join(root, 'db.sqlite'))
  const data = seedInsightsDataset(database.sqlite, root)
  const service = new InsightsService(database.sqlite, () => new Date('2026-11-10T12:00:00Z'))
  return { database, data, service }
}


describe('duration buckets', () => {
  it('puts 1 s in bucket 40 and reports its geometric midpoint, within 9.5%', () => {
    expect(durationBucket(1000)).toBe(40)
    expect(durationBucket(2000)).toBe(44)
    expect(bucketMidpointMs(40)).toBeCloseTo(2 ** 9.875)
    for (const ms of [1, 37, 1000, 65_000, 3_600_000]) expect(Math.abs(bucketMidpointMs(durationBucket(ms)) - ms) / ms).toBeLessThan(0.095)
  })
})

describe('session sequences', () => {
  it('counts ordered pairs and triples once per session, folding back-to-back repeats', () => {
    const rows = [
      { session_id: 's', skill_name: 'a', status: 'completed' },
      { session_id: 's', skill_name: 'a', status: 'completed' },
      { session_id: 's', skill_name: 'b', status: 'failed' },
      { session_id: 's', skill_name: 'a', status: 'completed' },
      { session_id: 's', skill_name: 'b', status: 'completed' },
      { session_id: 't', skill_name: 'a', status: 'completed' },
      { session_id: 't', skill_name: 'b', status: 'failed' },
    ]
    expect(Object.fromEntries(sessionSequences(rows))).toEqual({
      'a → b': { length: 2, sessions: 2, completed: 1 },
      'b → a': { length: 2, sessions: 1, completed: 1 },
      'a → b → a': { length: 3, sessions: 1, completed: 1 },
      'b → a → b': { length: 3, sessions: 1, completed: 1 },
    })
  })
})

describe('cross-project insights', () => {
  it('matches hand-computed counts, rates, percentiles, support and lift over included projects only', async () => {
    const { service } = await setup()
    const view = service.insights({ days: 10, until: '2026-11-10' })
    expect(view.window).toEqual({ from: '2026-11-01', until: '2026-11-10', days: 10 })
    expect(view.granularity).toBe('day')
    expect(view.excludedProjects).toBe(1)
    expect(view.totals).toEqual({ invocations: 12, completed: 9, failed: 2, abandoned: 1, unknown: 0, skills: 3, sessionsWithSkills: 6 })
    expect(view.projects.map((p) => [p.name, p.invocations])).toEqual([
      ['alpha', 6],
      ['beta', 4],
      ['gamma', 2],
    ])

    const [test, lint, deploy] = view.skills
    expect(test).toMatchObject({ skill: 'test', invocations: 6, completed: 4, failed: 1, abandoned: 1, running: 0, durationSamples: 5, projects: 3, smallSample: true })
    expect(test!.completionRate).toBeCloseTo(4 / 6)
    expect(test!.failureRate).toBeCloseTo(1 / 6)
    expect(test!.abandonmentRate).toBeCloseTo(1 / 6)
    // test durations 1000, 2000, 4000, 4000, 8000: the 3rd is 4000 (p50), the 5th 8000 (p95), exact under 200 samples.
    expect(test).toMatchObject({ p50Ms: 4000, p95Ms: 8000, durationsApproximate: false })
    expect(lint).toMatchObject({ skill: 'lint', invocations: 5, completed: 5, completionRate: 1, p50Ms: 1000, p95Ms: 2000 })
    expect(deploy).toMatchObject({ skill: 'deploy', invocations: 1, failed: 1, completionRate: 0 })

    // lint → test in sessions a1, a2, b1, b2; test completed in 3 of them; test completes 4 of 6 overall.
    expect(view.patterns).toHaveLength(1)
    const [pattern] = view.patterns
    expect(pattern).toMatchObject({ steps: ['lint', 'test'], sessions: 4, completed: 3, completionRate: 0.75 })
    expect(pattern!.support).toBeCloseTo(4 / 6)
    expect(pattern!.baselineRate).toBeCloseTo(4 / 6)
    expect(pattern!.lift).toBeCloseTo(0.75 / (4 / 6))
    // Lift above 1, but over 4 sessions, fewer than INSIGHT_RULES.effectiveMinSessions: common, not effective.
    expect(pattern!.effective).toBe(false)

    expect(view.byProjectType).toEqual([
      { projectType: 'node', projects: 2, invocations: 10, completed: 7, failed: 2, abandoned: 1, completionRate: 0.7, topSkills: [
        { skill: 'test', invocations: 5, completionRate: 3 / 5 },
        { skill: 'lint', invocations: 4, completionRate: 1 },
        { skill: 'deploy', invocations: 1, completionRate: 0 },
      ] },
      { projectType: 'python', projects: 1, invocations: 2, completed: 2, failed: 0, abandoned: 0, completionRate: 1, topSkills: [
        { skill: 'lint', invocations: 1, completionRate: 1 },
        { skill: 'test', invocations: 1, completionRate: 1 },
      ] },
    ])

    expect(view.trend.buckets).toEqual(['2026-11-01', '2026-11-02', '2026-11-03', '2026-11-04', '2026-11-05', '2026-11-06', '2026-11-07', '2026-11-08', '2026-11-09', '2026-11-10'])
    expect(view.trend.series.find((s) => s.skill === 'test')!.counts).toEqual([0, 2, 1, 1, 1, 0, 0, 0, 1, 0])

    // One list, most pressing first, each item in sentence case with its counts.
    expect(view.recommendations).toEqual([
      {
        kind: 'review',
        title: 'Review test: it fails or is abandoned in 33% of its runs',
        reason: 'Failed 1 time and abandoned 1 time in 6 runs with a known outcome.',
        evidence: { finished: 6, failed: 1, abandoned: 1 },
        skills: ['test'],
      },
      {
        kind: 'check-after',
        title: 'Check the work deploy leaves: workflow steps fail right after it',
        reason: '3 failing workflow steps in 1 session came right after deploy.',
        evidence: { failures: 3, sessions: 1 },
        skills: ['deploy'],
      },
    ])
  })

  it('weekly and monthly trends, and windows that leave data out', async () => {
    const { service } = await setup()
    const weekly = service.insights({ days: 10, until: '2026-11-10', granularity: 'week' })
    // Weeks start on Monday: 2026-10-26 holds Nov 1 (a Sunday), 2026-11-02 and 2026-11-09 the rest.
    expect(weekly.trend.buckets).toEqual(['2026-10-26', '2026-11-02', '2026-11-09'])
    expect(weekly.trend.series.find((s) => s.skill === 'test')!.counts).toEqual([0, 5, 1])
    const monthly = service.insights({ granularity: 'month', until: '2026-11-10' })
    expect(monthly.trend.buckets).toEqual(['2026-11-01'])
    expect(service.insights({ days: 2, until: '2026-11-10' }).totals.invocations).toBe(1)
  })

  it('stays correct as invocations complete, arrive and projects leave', async () => {
    const { database, data, service } = await setup()
    expect(service.insights({ until: '2026-11-10' }).skills.find((s) => s.skill === 'test')!.abandoned).toBe(1)
    database.sqlite.prepare("update skill_invocations set status = 'completed', duration_ms = 3000 where session_id = 'a3'").run()
    const after = service.insights({ until: '2026-11-10' }).skills.find((s) => s.skill === 'test')!
    expect(after).toMatchObject({ completed: 5, abandoned: 0, durationSamples: 6 })

    database.sqlite.prepare('update projects set include_in_insights = 1 where id = ?').run(data.projects.delta)
    expect(service.insights({ until: '2026-11-10' }).totals.invocations).toBe(15)
    database.sqlite.prepare('delete from projects where id = ?').run(data.projects.beta)
    const view = service.insights({ until: '2026-11-10' })
    expect(view.totals.invocations).toBe(11)
    for (const table of ['usage_daily', 'duration_daily', 'sequence_daily', 'session_days']) {
      expect(database.sqlite.prepare(`select count(*) from ${table} where project_id = ?`).pluck().get(data.projects.beta)).toBe(0)
    }
  })

  it('reads whole months from the roll-ups and edge days from the daily rows, adding up to the raw rows for any window', async () => {
    const { database, data, service } = await setup()
    const add = database.sqlite.prepare(
      "insert into skill_invocations (project_id, session_id, skill_name, status, started_at, duration_ms, source, source_ref) values (?, ?, ?, ?, ?, ?, 'test', ?)",
    )
    const days = ['2026-08-31', '2026-09-01', '2026-09-20', '2026-10-01', '2026-10-05', '2026-10-31', '2026-11-01']
    days.forEach((day, i) => {
      const session = `extra-${i}`
      database.sqlite.prepare("insert into sessions (id, project_id, started_at, source, created_at) values (?, ?, ?, 'test', 'x')").run(session, data.projects.alpha, `${day}T08:00:00.000Z`)
      add.run(data.projects.alpha, session, 'lint', 'completed', `${day}T08:00:00.000Z`, 700 + i, `extra-${i}-a`)
      add.run(data.projects.alpha, session, 'test', i % 2 ? 'failed' : 'completed', `${day}T08:01:00.000Z`, 3000 + i, `extra-${i}-b`)
    })
    const raw = (from: string, until: string) =>
      database.sqlite
        .prepare(
          `select count(*) as n, sum(status = 'completed') as completed, count(duration_ms) as timed, count(distinct session_id) as sessions
           from skill_invocations i join projects p on p.id = i.project_id and p.include_in_insights = 1 where substr(started_at, 1, 10) between ? and ?`,
        )
        .get(from, until) as { n: number; completed: number; timed: number; sessions: number }
    // The last number: sessions with lint right before test (every extra session, a1, a2, b1, b2).
    const windows: Array<[number | undefined, string, string, number]> = [
      [10, '2026-11-10', '2026-11-01', 5],
      [31, '2026-10-31', '2026-10-01', 3],
      [45, '2026-11-10', '2026-09-27', 8],
      [80, '2026-11-10', '2026-08-23', 11],
      [undefined, '2026-11-10', '0000-01-01', 11],
      [undefined, '2026-10-31', '0000-01-01', 6],
    ]
    const lintThenTest = (view: { patterns: Array<{ steps: string[]; sessions: number }> }) => view.patterns.find((p) => p.steps.join() === 'lint,test')?.sessions
    for (const [span, until, from, pairs] of windows) {
      for (const granularity of ['month', 'week'] as const) {
        const view = service.insights({ days: span, until, granularity })
        const expected = raw(from, until)
        const label = `${span ?? 'all'} days to ${until} by ${granularity}`
        expect(view.totals.invocations, label).toBe(expected.n)
        expect(view.totals.completed, label).toBe(expected.completed)
        expect(view.skills.reduce((n, s) => n + s.durationSamples, 0), label).toBe(expected.timed)
        expect(view.totals.sessionsWithSkills, label).toBe(expected.sessions)
        expect(view.trend.series.reduce((n, s) => n + s.counts.reduce((a, b) => a + b, 0), 0), label).toBe(expected.n)
        expect(lintThenTest(view), label).toBe(pairs)
      }
    }
    // Month roll-ups follow the include switch.
    database.sqlite.prepare('update projects set include_in_insights = 0 where id = ?').run(data.projects.alpha)
    expect(lintThenTest(service.insights({ until: '2026-11-10' }))).toBeUndefined()
    database.sqlite.prepare('update projects set include_in_insights = 1 where id = ?').run(data.projects.alpha)
    expect(lintThenTest(service.insights({ until: '2026-11-10' }))).toBe(11)
  })

  it('describes one skill: effectiveness, trend, projects, errors, follow-ups, patterns and sessions', async () => {
    const { service } = await setup()
    const test = service.skill({ skill: 'test', days: 10, until: '2026-11-10' })
    expect(test.effectiveness).toMatchObject({ invocations: 6, completed: 4 })
    expect(test.trend.counts).toEqual([0, 2, 1, 1, 1, 0, 0, 0, 1, 0])
    expect(test.projects.map((p) => [p.name, p.invocations])).toEqual([
      ['alpha', 3],
      ['beta', 2],
      ['gamma', 1],
    ])
    expect(test.errors).toEqual([{ value: 'AssertionError', count: 1 }])
    expect(test.followUps).toEqual([{ value: 'commit', count: 4 }])
    expect(test.patterns.map((p) => p.steps)).toEqual([['lint', 'test']])
    expect(test.recentSessions.map((s) => [s.id, s.status])).toEqual([
      ['a3', 'abandoned'],
      ['b2', 'completed'],
      ['c1', 'completed'],
      ['a2', 'completed'],
      ['a1', 'completed'],
      ['b1', 'failed'],
    ])
  })
})
