import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { databaseWithProject } from '../test-support/project-db'
import { EventFileIngester } from './event-file-ingester'

const line = (event: Record<string, unknown>) => `${JSON.stringify({ v: 1, session_id: 's1', ...event })}\n`
const invoked = (id: string, ts: string, extra: Record<string, unknown> = {}) =>
  line({ id: `${id}-a`, ts, type: 'skill.invoked', invocation_id: id, skill: 'crackerjack-run', ...extra })
const completed = (id: string, ts: string, extra: Record<string, unknown> = {}) =>
  line({ id: `${id}-b`, ts, type: 'skill.completed', invocation_id: id, skill: 'crackerjack-run', ...extra })

async function setup(storePrompts = false) {
  const ctx = await databaseWithProject({ storePrompts })
  const file = path.join(ctx.projectPath, '.session-buddy', 'events', 'a.jsonl')
  fs.mkdirSync(path.dirname(file), { recursive: true })
  const ingester = new EventFileIngester(ctx.sqlite)
  const invocations = () =>
    ctx.sqlite.prepare('select skill_name, status, started_at, ended_at, duration_ms, user_query, follow_up_actions from skill_invocations order by id').all()
  return { ...ctx, file, ingester, invocations }
}

describe('EventFileIngester', () => {
  it('stores invoked + completed as one completed invocation with its duration and follow-ups', async () => {
    const t = await setup()
    fs.writeFileSync(t.file, invoked('i1', '2026-11-25T10:00:00Z') + completed('i1', '2026-11-25T10:00:04.5Z', { follow_up_actions: ['git commit'] }))
    expect(t.ingester.ingest(t.file, t.project)).toMatchObject({ events: 2, errors: 0 })
    expect(t.invocations()).toEqual([
      {
        skill_name: 'crackerjack-run',
        status: 'completed',
        started_at: '2026-11-25T10:00:00.000Z',
        ended_at: '2026-11-25T10:00:04.500Z',
        duration_ms: 4500,
        user_query: null,
        follow_up_actions: '["git commit"]',
      },
    ])
  })

  it('reads only new bytes, and a partial last line waits for its newline', async () => {
    const t = await setup()
    const first = invoked('i1', '2026-11-25T10:00:00Z')
    const second = completed('i1', '2026-11-25T10:00:02Z')
    fs.writeFileSync(t.file, first + second.slice(0, 20))
    expect(t.ingester.ingest(t.file, t.project)).toMatchObject({ events: 1, errors: 0, bytes: first.length })
    expect(t.ingester.ingest(t.file, t.project)).toMatchObject({ events: 0, bytes: 0 })
    fs.appendFileSync(t.file, second.slice(20))
    expect(t.ingester.ingest(t.file, t.project)).toMatchObject({ events: 1, errors: 0 })
    expect(t.invocations()).toMatchObject([{ status: 'completed', duration_ms: 2000 }])
    const state = t.sqlite.prepare('select offset, line, size from ingest_files').get()
    expect(state).toEqual({ offset: fs.statSync(t.file).size, line: 2, size: fs.statSync(t.file).size })
  })

  it('records a malformed line with file, line and reason, and stores every good line around it', async () => {
    const t = await setup()
    fs.writeFileSync(
      t.file,
      invoked('i1', '2026-11-25T10:00:00Z') + '{"v":1, "id": broken\n' + line({ id: 'x', ts: 'yesterday', type: 'session.ended' }) + completed('i1', '2026-11-25T10:00:01Z'),
    )
    expect(t.ingester.ingest(t.file, t.project)).toMatchObject({ events: 2, errors: 2 })
    expect(t.sqlite.prepare('select file_path, line, reason from ingest_errors order by line').all()).toEqual([
      { file_path: t.file, line: 2, reason: expect.stringMatching(/^not JSON/) },
      { file_path: t.file, line: 3, reason: expect.stringMatching(/^ts: /) },
    ])
    expect(t.invocations()).toMatchObject([{ status: 'completed' }])
  })

  it('detects a truncated or replaced file, reads it again and counts nothing twice', async () => {
    const t = await setup()
    fs.writeFileSync(t.file, invoked('i1', '2026-11-25T10:00:00Z') + completed('i1', '2026-11-25T10:00:01Z'))
    t.ingester.ingest(t.file, t.project)
    fs.writeFileSync(t.file, invoked('i2', '2026-11-25T11:00:00Z'))
    expect(t.ingester.ingest(t.file, t.project)).toMatchObject({ restarted: true, events: 1 })
    const replacement = `${t.file}.new`
    fs.writeFileSync(replacement, invoked('i1', '2026-11-25T10:00:00Z') + invoked('i2', '2026-11-25T11:00:00Z') + invoked('i3', '2026-11-25T12:00:00Z'))
    fs.renameSync(replacement, t.file)
    expect(t.ingester.ingest(t.file, t.project)).toMatchObject({ restarted: true, events: 3 })
    expect(t.invocations()).toHaveLength(3)
  })

  it('gets the outcome right when it is read before its start (two hook processes, two files)', async () => {
    const t = await setup()
    const other = path.join(path.dirname(t.file), 'b.jsonl')
    fs.writeFileSync(other, completed('i1', '2026-11-25T10:00:05Z'))
    fs.writeFileSync(t.file, invoked('i1', '2026-11-25T10:00:00Z', { workflow_path: 'quick' }))
    t.ingester.ingest(other, t.project)
    t.ingester.ingest(t.file, t.project)
    expect(t.invocations()).toMatchObject([{ status: 'completed', started_at: '2026-11-25T10:00:00.000Z', duration_ms: 5000 }])
  })

  it('marks invocations still running at session end as abandoned, unless their outcome arrives later', async () => {
    const t = await setup()
    fs.writeFileSync(
      t.file,
      invoked('i1', '2026-11-25T10:00:00Z') +
        invoked('i2', '2026-11-25T10:01:00Z') +
        line({ id: 'end', ts: '2026-11-25T10:02:00Z', type: 'session.ended', reason: 'logout' }) +
        completed('i2', '2026-11-25T10:02:30Z', { duration_ms: 90000 }),
    )
    t.ingester.ingest(t.file, t.project)
    expect(t.invocations()).toMatchObject([
      { status: 'abandoned', duration_ms: 120000 },
      { status: 'completed', duration_ms: 90000 },
    ])
    expect(t.sqlite.prepare('select ended_at, end_reason from sessions').get()).toEqual({ ended_at: '2026-11-25T10:02:00.000Z', end_reason: 'logout' })
  })

  it('keeps prompt text only where the project allows it, and uses it as the user query', async () => {
    for (const storePrompts of [false, true]) {
      const t = await setup(storePrompts)
      fs.writeFileSync(t.file, line({ id: 'p', ts: '2026-11-25T09:59:00Z', type: 'prompt.submitted', prompt: 'I need to fix type errors' }) + invoked('i1', '2026-11-25T10:00:00Z'))
      t.ingester.ingest(t.file, t.project)
      const expected = storePrompts ? 'I need to fix type errors' : null
      expect(t.sqlite.prepare('select text from prompts').pluck().get()).toBe(expected)
      expect(t.invocations()).toMatchObject([{ user_query: expected }])
    }
  })

  it('stores workflow runs and their nodes, whatever order the events come in', async () => {
    const t = await setup()
    const wf = (event: Record<string, unknown>) => line({ workflow_run_id: 'r1', ...event })
    fs.writeFileSync(
      t.file,
      wf({ id: 'n1', ts: '2026-11-25T10:00:01Z', type: 'workflow.node.started', node_id: 'lint', name: 'Lint' }) +
        wf({ id: 'w1', ts: '2026-11-25T10:00:00Z', type: 'workflow.started', workflow_id: 'ci', name: 'CI' }) +
        wf({ id: 'n2', ts: '2026-11-25T10:00:04Z', type: 'workflow.node.completed', node_id: 'lint' }) +
        wf({ id: 'n3', ts: '2026-11-25T10:00:09Z', type: 'workflow.node.failed', node_id: 'test', error: '2 failed', duration_ms: 5000 }) +
        wf({ id: 'w2', ts: '2026-11-25T10:00:10Z', type: 'workflow.completed', status: 'failed' }),
    )
    expect(t.ingester.ingest(t.file, t.project)).toMatchObject({ events: 5, errors: 0 })
    expect(t.sqlite.prepare('select workflow_id, name, status, duration_ms from workflow_runs').all()).toEqual([{ workflow_id: 'ci', name: 'CI', status: 'failed', duration_ms: 10000 }])
    expect(t.sqlite.prepare('select node_id, name, status, duration_ms, error from workflow_nodes order by node_id').all()).toEqual([
      { node_id: 'lint', name: 'Lint', status: 'completed', duration_ms: 3000, error: null },
      { node_id: 'test', name: 'test', status: 'failed', duration_ms: 5000, error: '2 failed' },
    ])
  })
})
