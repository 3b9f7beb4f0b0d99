import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { databaseWithProject } from '../../test-support/project-db'
import { SHARED_AVAILABLE, SHARED_SKIP_MESSAGE, corpusPath } from '../../test-support/shared-corpus'
import { InsightsService } from '../../insights/insights.service'
import { importLegacy, legacyPaths } from './legacy-importer'

/** A skill_metrics.json written the way crackerjack's SkillMetricsTracker writes it. */
interface LegacyInvocationFixture {
  skill_name: string
  invoked_at: string
  workflow_path: string | null
  completed: boolean
  duration_seconds: number | null
  follow_up_actions: string[]
  error_type: string | null
}

function legacyJson() {
  const invocations: LegacyInvocationFixture[] = [
    { skill_name: 'crackerjack-run', invoked_at: '2026-01-10T09:00:00.123456', workflow_path: 'quick', completed: true, duration_seconds: 12.5, follow_up_actions: ['git commit'], error_type: null },
    { skill_name: 'crackerjack-run', invoked_at: '2026-01-10T10:00:00', workflow_path: 'comprehensive', completed: true, duration_seconds: 7.5, follow_up_actions: [], error_type: null },
    { skill_name: 'crackerjack-run', invoked_at: '2026-01-11T10:00:00', workflow_path: 'quick', completed: false, duration_seconds: null, follow_up_actions: [], error_type: 'TypeError' },
    { skill_name: 'session-checkpoint', invoked_at: '2026-01-11T11:00:00', workflow_path: null, completed: false, duration_seconds: null, follow_up_actions: [], error_type: null },
  ]
  const skills = {
    'crackerjack-run': {
      skill_name: 'crackerjack-run', total_invocations: 3, completed_invocations: 2, abandoned_invocations: 1, total_duration_seconds: 20,
      workflow_paths: { quick: 2, comprehensive: 1 }, common_errors: { TypeError: 1 }, follow_up_actions: { 'git commit': 1 },
      first_invoked: '2026-01-10T09:00:00.123456', last_invoked: '2026-01-11T10:00:00', completion_rate: 66.67, avg_duration_seconds: 10,
    },
    'session-checkpoint': {
      skill_name: 'session-checkpoint', total_invocations: 1, completed_invocations: 0, abandoned_invocations: 1, total_duration_seconds: 0,
      workflow_paths: {}, common_errors: {}, follow_up_actions: {}, first_invoked: '2026-01-11T11:00:00', last_invoked: '2026-01-11T11:00:00', completion_rate: 0, avg_duration_seconds: 0,
    },
  }
  return { invocations, skills, last_updated: '2026-01-11T11:00:01' }
}

function writeJson(projectPath: string, content: string) {
  const file = legacyPaths(projectPath).json
  fs.mkdirSync(path.dirname(file), { recursive: true })
  fs.writeFileSync(file, content)
  return file
}

describe('legacy import', () => {
  it('imports skill_metrics.json once and validates it against its own summary', async () => {
    const t = await databaseWithProject()
    const file = writeJson(t.projectPath, JSON.stringify(legacyJson(), null, 2))
    const report = importLegacy(t.sqlite, {})
    expect(report).toMatchObject({ files: 1, invocationsFound: 4, invocationsAdded: 4, problems: [] })
    expect(report.validation).toEqual([{ file, skillsChecked: 2, differences: [] }])
    expect(t.sqlite.prepare('select skill_name, status, duration_ms, workflow_path, error_type, source from skill_invocations order by started_at').all()).toEqual([
      { skill_name: 'crackerjack-run', status: 'completed', duration_ms: 12500, workflow_path: 'quick', error_type: null, source: 'legacy-json' },
      { skill_name: 'crackerjack-run', status: 'completed', duration_ms: 7500, workflow_path: 'comprehensive', error_type: null, source: 'legacy-json' },
      { skill_name: 'crackerjack-run', status: 'failed', duration_ms: null, workflow_path: 'quick', error_type: 'TypeError', source: 'legacy-json' },
      { skill_name: 'session-checkpoint', status: 'abandoned', duration_ms: null, workflow_path: null, error_type: null, source: 'legacy-json' },
    ])
    expect(importLegacy(t.sqlite, {}).invocationsAdded).toBe(0)
  })

  it('lists each difference between the summary and the invocations', async () => {
    const t = await databaseWithProject()
    const data = legacyJson()
    data.skills['crackerjack-run'].total_invocations = 5
    data.skills['crackerjack-run'].avg_duration_seconds = 11
    data.invocations.push({ skill_name: 'brainstorming', invoked_at: '2026-01-12T08:00:00', workflow_path: null, completed: true, duration_seconds: 3, follow_up_actions: [], error_type: null })
    writeJson(t.projectPath, JSON.stringify(data))
    const [validation] = importLegacy(t.sqlite, {}).validation
    expect(validation!.differences).toEqual([
      { skill: 'brainstorming', field: 'summary', summary: null, recomputed: '1 invocations' },
      { skill: 'crackerjack-run', field: 'total_invocations', summary: 5, recomputed: 3 },
      { skill: 'crackerjack-run', field: 'avg_duration_seconds', summary: 11, recomputed: 10 },
    ])
  })

  it('refuses a truncated file with a clear error and imports nothing from it', async () => {
    const t = await databaseWithProject()
    const text = JSON.stringify(legacyJson(), null, 2)
    const file = writeJson(t.projectPath, text.slice(0, Math.floor(text.length * 0.6)))
    const report = importLegacy(t.sqlite, {})
    expect(report.problems).toEqual([{ file, message: expect.stringMatching(new RegExp(`^${file}:\\d+:\\d+: the file is truncated .*nothing was imported$`)) }])
    expect(report.invocationsAdded).toBe(0)
    expect(t.sqlite.prepare('select count(*) from skill_invocations').pluck().get()).toBe(0)
  })

  it('a dry run stores nothing', async () => {
    const t = await databaseWithProject()
    writeJson(t.projectPath, JSON.stringify(legacyJson()))
    expect(importLegacy(t.sqlite, { dryRun: true })).toMatchObject({ dryRun: true, invocationsAdded: 4 })
    expect(t.sqlite.prepare('select count(*) from skill_invocations').pluck().get()).toBe(0)
  })

  it.skipIf(!SHARED_AVAILABLE)(`imports the real crackerjack skills.db/skills.db read-only ${SHARED_AVAILABLE ? '' : SHARED_SKIP_MESSAGE}`, async () => {
    const t = await databaseWithProject({ projectPath: corpusPath('legacy', 'lesleslie__crackerjack'), storePrompts: true })
    const dbFile = legacyPaths(t.projectPath).nestedSqlite
    const before = fs.statSync(dbFile).mtimeMs
    const report = importLegacy(t.sqlite, {})
    expect(report).toMatchObject({ files: 1, invocationsFound: 1, invocationsAdded: 1, problems: [] })
    expect(t.sqlite.prepare('select session_id, skill_name, status, user_query, workflow_path, follow_up_actions, started_at, duration_ms, source from skill_invocations').get()).toEqual({
      session_id: 'test-session',
      skill_name: 'test-agent',
      status: 'completed',
      user_query: 'Test query',
      workflow_path: 'testing',
      follow_up_actions: '["action1","action2"]',
      started_at: '2026-02-12T06:38:52.000Z',
      duration_ms: 0,
      source: 'legacy-sqlite',
    })
    expect(fs.statSync(dbFile).mtimeMs).toBe(before)
    expect(importLegacy(t.sqlite, {}).invocationsAdded).toBe(0)
  })
})

describe('legacy session-buddy skills.db', () => {
  it('imports the skill_invocation table (opened read-only), durations in seconds and JSON columns included', async () => {
    const t = await databaseWithProject()
    const file = legacyPaths(t.projectPath).sqlite
    fs.mkdirSync(path.dirname(file), { recursive: true })
    const BetterSqlite3 = (await import('better-sqlite3')).default
    const legacy = new BetterSqlite3(file)
    legacy.exec(`create table skill_invocation (id integer primary key, skill_name text not null, invoked_at text, session_id text not null, workflow_path text,
      completed integer, duration_seconds real, user_query text, alternatives_considered text, selection_rank integer, follow_up_actions text, error_type text, created_at text)`)
    const insert = legacy.prepare('insert into skill_invocation (skill_name, invoked_at, session_id, workflow_path, completed, duration_seconds, user_query, follow_up_actions, error_type) values (?, ?, ?, ?, ?, ?, ?, ?, ?)')
    insert.run('crackerjack-run', '2026-03-01T10:00:00+00:00', 'sess-a', 'quick', 1, 4.25, 'fix types', '["git commit"]', null)
    insert.run('crackerjack-run', '2026-03-01T11:00:00+00:00', 'sess-a', 'quick', 0, null, null, '[]', 'ImportError')
    // No invoked_at and no created_at: its time is unknown, never 1970.
    insert.run('session-checkpoint', null, 'sess-b', null, 1, 2, null, '[]', null)
    legacy.close()
    const changed = fs.statSync(file).mtime.toISOString()
    const report = importLegacy(t.sqlite, {})
    expect(report).toMatchObject({ files: 1, invocationsFound: 3, invocationsAdded: 3, problems: [] })
    expect(t.sqlite.prepare('select session_id, status, duration_ms, user_query, error_type, follow_up_actions, time_unknown, outcome_source from skill_invocations order by id').all()).toEqual([
      { session_id: 'sess-a', status: 'completed', duration_ms: 4250, user_query: null, error_type: null, follow_up_actions: '["git commit"]', time_unknown: 0, outcome_source: 'explicit' },
      { session_id: 'sess-a', status: 'failed', duration_ms: null, user_query: null, error_type: 'ImportError', follow_up_actions: '[]', time_unknown: 0, outcome_source: 'explicit' },
      { session_id: 'sess-b', status: 'completed', duration_ms: 2000, user_query: null, error_type: null, follow_up_actions: '[]', time_unknown: 1, outcome_source: 'explicit' },
    ])
    const undated = t.sqlite.prepare("select started_at, ended_at from skill_invocations where session_id = 'sess-b'").get()
    expect(undated).toEqual({ started_at: changed, ended_at: null })
    expect(t.sqlite.prepare('select count(*) from skill_invocations where started_at < ?').pluck().get('2000-01-01')).toBe(0)
    // Real session ids: not synthetic.
    expect(t.sqlite.prepare('select id, synthetic from sessions order by id').all()).toEqual([
      { id: 'sess-a', synthetic: 0 },
      { id: 'sess-b', synthetic: 0 },
    ])
  })

  it('marks the made-up per-day sessions of skill_metrics.json synthetic and reads no sequence from them', async () => {
    const t = await databaseWithProject()
    writeJson(t.projectPath, JSON.stringify(legacyJson()))
    importLegacy(t.sqlite, {})
    expect(t.sqlite.prepare('select id, synthetic from sessions order by id').all()).toEqual([
      { id: `legacy:${t.project.id}:2026-01-10`, synthetic: 1 },
      { id: `legacy:${t.project.id}:2026-01-11`, synthetic: 1 },
    ])
    const view = new InsightsService(t.sqlite, () => new Date('2026-01-12T00:00:00Z')).insights({})
    // 2026-01-11 has crackerjack-run then session-checkpoint in its made-up session: not a sequence.
    expect(view.patterns).toEqual([])
    expect(t.sqlite.prepare('select count(*) from sequence_daily').pluck().get()).toBe(0)
    expect(view.totals.invocations).toBe(4)
  })
})
