import fs from 'node:fs'
import path from 'node:path'
import BetterSqlite3 from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import type { RecommendationMetricsView } from '../../shared/api/recommendations'
import type { SearchResultView } from '../../shared/api/search'
import type { SkillMetricsList } from '../../shared/api/tracking'
import { EventProjector } from '../ingest/event-projector'
import { toSearchable } from '../search/searchable-skill'
import { SkillSearch } from '../search/skill-search'
import { nativeBindingPath } from '../storage/native-binding'
import { apiCaller, testContext } from '../test-support/app-context'
import { databaseWithProject } from '../test-support/project-db'
import { tempDir } from '../test-support/temp-dir'
import { recommendationMetrics } from './recommendation-metrics'
import { FOLLOW_WINDOW_MS, RecommendationLog, requestHash } from './recommendation-log'

const T0 = Date.UTC(2026, 11, 1, 10, 0, 0)
const at = (ms: number) => new Date(T0 + ms)
const shown = (...skills: string[]) => skills.map((skill, i) => ({ skill, score: 0.9 - i / 10 }))

async function logWithRuns() {
  const { sqlite, project } = await databaseWithProject()
  const projector = new EventProjector(sqlite)
  let n = 0
  const run = (session: string, skill: string, ms: number, status: 'completed' | 'failed' = 'completed') => {
    const invocation = `inv-${++n}`
    projector.apply({ v: 1, type: 'skill.invoked', id: `${invocation}:start`, ts: at(ms).toISOString(), session_id: session, invocation_id: invocation, skill }, project)
    const end = { v: 1 as const, id: `${invocation}:end`, ts: at(ms + 1000).toISOString(), session_id: session, invocation_id: invocation, skill }
    projector.apply(status === 'completed' ? { ...end, type: 'skill.completed' } : { ...end, type: 'skill.failed', error_type: 'tests_failed' }, project)
  }
  return { sqlite, project, run, log: new RecommendationLog(sqlite) }
}

describe('linking a recommendation to the run that followed', () => {
  it('links the next run in its session within the window, and not one just after it or in another session', async () => {
    const { sqlite, run, log } = await logWithRuns()
    const inside = log.record({ source: 'mcp', query: 'debug this', shown: shown('debugging', 'tdd'), sessionId: 's1', now: at(0) })
    const outside = log.record({ source: 'mcp', query: 'plan it', shown: shown('writing-plans'), sessionId: 's2', now: at(0) })
    run('s3', 'writing-plans', 60_000) // another session: not s2's follow-up
    run('s1', 'debugging', FOLLOW_WINDOW_MS - 1000) // just inside the window
    run('s2', 'writing-plans', FOLLOW_WINDOW_MS + 1000) // just outside it
    log.settle(at(FOLLOW_WINDOW_MS + 2000))
    const row = (id: number) => sqlite.prepare('select resolved, run_skill, run_rank from recommendations where id = ?').get(id)
    expect(row(inside)).toEqual({ resolved: 1, run_skill: 'debugging', run_rank: 1 })
    expect(row(outside)).toEqual({ resolved: 1, run_skill: null, run_rank: null })
  })

  it('stays open while its window is open and nothing ran; with no session, links the next run of its project', async () => {
    const { sqlite, project, run, log } = await logWithRuns()
    const id = log.record({ source: 'ui', query: 'write release notes', shown: shown('release-notes'), projectId: project.id, now: at(0) })
    log.settle(at(60_000))
    expect(sqlite.prepare('select resolved from recommendations where id = ?').pluck().get(id)).toBe(0)
    run('any-session', 'release-notes', 120_000)
    log.settle(at(180_000))
    expect(sqlite.prepare('select run_skill, run_rank from recommendations where id = ?').get(id)).toEqual({ run_skill: 'release-notes', run_rank: 1 })
  })

  it('records the rank of the skill that ran, or not shown, and counts follow-through, top 3 and completion', async () => {
    const { sqlite, run, log } = await logWithRuns()
    log.record({ source: 'mcp', query: 'a', shown: shown('a', 'b', 'c'), sessionId: 'r1', now: at(0) })
    log.record({ source: 'mcp', query: 'b', shown: shown('a', 'b', 'c'), sessionId: 'r2', now: at(0) })
    log.record({ source: 'cli', query: 'c', shown: shown('a', 'b', 'c'), sessionId: 'r3', now: at(0) })
    log.record({ source: 'cli', query: 'd', shown: shown('a', 'b', 'c'), sessionId: 'r4', now: at(0) })
    run('r1', 'a', 10_000)
    run('r2', 'plugin:c', 10_000, 'failed') // a plugin's skill counts as its catalogue name
    run('r3', 'd', 10_000)
    const view = recommendationMetrics(sqlite, {}, at(FOLLOW_WINDOW_MS + 60_000))
    expect(sqlite.prepare('select run_rank from recommendations order by id').pluck().all()).toEqual([1, 3, null, null])
    expect(view.overall).toMatchObject({ recommendations: 4, settled: 4, followed: 2, acceptedAtRank1: 1, acceptedInTop3: 2, ranNotShown: 1, noRun: 1, followedWithOutcome: 2, followedCompleted: 1 })
    expect(view.bySource.map((s) => [s.source, s.recommendations, s.followed])).toEqual([['mcp', 2, 2], ['cli', 2, 0]])
    expect(view.bySkill.find((s) => s.skill === 'a')).toMatchObject({ shownFirst: 4, ranWhenShown: 1, acceptedAtRank1: 1, completedWhenShown: 1 })
    expect(view.bySkill.find((s) => s.skill === 'd')).toMatchObject({ shownFirst: 0, ranNotShown: 1 })
  })
})

describe('legacy recommendations', () => {
  it("imports alternatives_considered and selection_rank from session-buddy's skills.db and crackerjack's JSON as settled recommendations", async () => {
    const context = await testContext()
    const call = apiCaller(context)
    const project = fs.realpathSync(tempDir())
    await call('projects-add', { path: project })
    const dir = path.join(project, '.session-buddy')
    fs.mkdirSync(dir)
    // session-buddy's schema (docs: data sources, section 2), written the way its tracker did.
    const db = new BetterSqlite3(path.join(dir, 'skills.db'), { nativeBinding: nativeBindingPath() })
    db.exec(`create table skill_invocation (id integer primary key, skill_name text not null, invoked_at text, session_id text not null, workflow_path text,
      completed integer, duration_seconds real, user_query text, alternatives_considered text, selection_rank integer, follow_up_actions text, error_type text, created_at text)`)
    const insert = db.prepare('insert into skill_invocation (skill_name, invoked_at, session_id, completed, duration_seconds, alternatives_considered, selection_rank) values (?, ?, ?, ?, ?, ?, ?)')
    insert.run('crackerjack-run', '2026-11-20T09:00:00Z', 'old-1', 1, 12, JSON.stringify(['crackerjack-run', 'run-quality-checks']), 1)
    insert.run('debugging', '2026-11-20T10:00:00Z', 'old-1', 0, 30, JSON.stringify(['systematic-debugging', 'when-stuck']), 3)
    insert.run('tdd', '2026-11-20T11:00:00Z', 'old-1', 1, 5, '[]', null) // says nothing about a recommendation
    db.close()
    fs.writeFileSync(
      path.join(dir, 'skill_metrics.json'),
      JSON.stringify({
        invocations: [
          { skill_name: 'writing-plans', invoked_at: '2026-11-21T09:00:00', workflow_path: null, completed: true, duration_seconds: 3, follow_up_actions: [], error_type: null, alternatives_considered: ['brainstorming', 'writing-plans'], selection_rank: 2 },
        ],
        skills: { 'writing-plans': { total_invocations: 1, completed_invocations: 1 } },
      }),
    )
    await call('import-run', { source: 'legacy' })
    await call('import-run', { source: 'legacy' }) // a second import adds nothing
    const view = await call<RecommendationMetricsView>('recommendations-metrics', { source: 'legacy' })
    expect(view.overall).toMatchObject({ recommendations: 3, settled: 3, followed: 3, acceptedAtRank1: 1, acceptedInTop3: 3, followedWithOutcome: 3, followedCompleted: 2 })
    // The same figures reach `skills --json` and MCP get_skill_metrics through skills-metrics.
    const metrics = await call<SkillMetricsList>('skills-metrics', {})
    expect(metrics.recommendations).toMatchObject({ recommendations: 3, followed: 3, acceptedAtRank1: 1, windowMinutes: 15 })
    expect(metrics.skills.find((s) => s.skill === 'debugging')?.followThrough).toMatchObject({ ranWhenShown: 1, acceptedAtRank1: 0, completedWhenShown: 0 })
    expect(metrics.skills.find((s) => s.skill === 'tdd')?.followThrough).toBeNull()
    const shownLists = context.database.sqlite.prepare("select shown, run_rank from recommendations where source = 'legacy' order by created_at").all() as Array<{ shown: string; run_rank: number }>
    expect(shownLists.map((r) => [JSON.parse(r.shown).map((s: { skill: string }) => s.skill), r.run_rank])).toEqual([
      [['crackerjack-run', 'run-quality-checks'], 1],
      [['systematic-debugging', 'when-stuck', 'debugging'], 3],
      [['brainstorming', 'writing-plans'], 2],
    ])
  })
})

describe('feedback', () => {
  const skills = [
    toSearchable('release-notes/SKILL.md', { name: 'release-notes', description: 'Writes release notes from the commits since the last tag. Use when preparing a release.', deprecated: false, sections: [] }),
    toSearchable('changelog/SKILL.md', { name: 'changelog', description: 'Keeps CHANGELOG.md: adds the release notes of each version. Use when a release is tagged.', deprecated: false, sections: [] }),
  ]
  const query = 'write the release notes'
  const down = (skill: string) => ({ skill, helpful: false, requestHash: requestHash(query), requestText: null, vector: null })

  it('demotes a skill marked unhelpful twice for the same request, and the breakdown says so; one mark does nothing', () => {
    const search = new SkillSearch(skills)
    const before = search.find(query)
    expect(before[0]!.name).toBe('release-notes')
    const once = search.find(query, { feedback: { votes: [down('release-notes')], requestHash: requestHash(query) } })
    expect(once[0]!.name).toBe('release-notes')
    const twice = search.find(query, { feedback: { votes: [down('release-notes'), down('release-notes')], requestHash: requestHash(query) } })
    expect(twice.map((r) => r.name)).toEqual(['changelog', 'release-notes'])
    const demoted = twice[1]!
    // An identical request: 80 % of its relevance (1, the best match) taken off.
    expect(demoted.score.relevance!.feedback).toBeCloseTo(-0.8)
    expect(demoted.score.semantic).toBeCloseTo(0.2)
    expect(demoted.score.explanation).toContain('marked unhelpful 2 times for similar requests: relevance −80%')
    // A different request (no vectors here: only an identical one is similar) is not affected.
    const otherQuery = 'release notes from the commits since the last tag'
    const other = search.find(otherQuery, { feedback: { votes: [down('release-notes'), down('release-notes')], requestHash: requestHash(otherQuery) } })
    expect(other[0]!.name).toBe('release-notes')
    expect(other[0]!.score.relevance!.feedback).toBeUndefined()
  })

  it('is stored through the API, counted in the metrics, and changes the next search', async () => {
    const config = tempDir()
    for (const skill of skills) {
      fs.mkdirSync(path.join(config, 'skills', skill.name), { recursive: true })
      fs.writeFileSync(path.join(config, 'skills', skill.name, 'SKILL.md'), `---\nname: ${skill.name}\ndescription: ${skill.description}\n---\n`)
    }
    const context = await testContext({ claudeConfigDirs: [config] })
    const call = apiCaller(context)
    const find = () => call<SearchResultView>('skills-find', { query, source: 'cli' })
    for (let i = 0; i < 2; i++) {
      const result = await find()
      expect(result.results[0]!.name).toBe('release-notes')
      await call('recommendation-feedback', { recommendationId: result.recommendationId, skill: 'release-notes', helpful: false })
    }
    const after = await find()
    expect(after.results[0]!.name).toBe('changelog')
    expect(after.results[1]!.score.explanation.some((e) => e.startsWith('marked unhelpful 2 times for similar requests'))).toBe(true)
    const metrics = await call<RecommendationMetricsView>('recommendations-metrics', {})
    expect(metrics.overall).toMatchObject({ recommendations: 3, unhelpful: 2 })
    expect(metrics.bySkill.find((s) => s.skill === 'release-notes')).toMatchObject({ unhelpful: 2 })
    await expect(call('recommendation-feedback', { recommendationId: 999, skill: 'x', helpful: true })).rejects.toThrow('no recommendation 999')
  })
})
