import fs from 'node:fs'
import path from 'node:path'
import { eventsDir, writerFileName } from '../events/event-log-paths'
import { describe, expect, it } from 'vitest'
import { EventWriter } from '../events/event-writer'
import { contextWithProject } from '../test-support/app-context'
import type { TrackingState } from '../../shared/api/desktop'

const runs = (context: Awaited<ReturnType<typeof contextWithProject>>['context']) =>
  context.database.sqlite.prepare('select count(*) from skill_invocations').pluck().get() as number

async function waitFor(check: () => boolean, ms = 5000): Promise<boolean> {
  const until = Date.now() + ms
  while (!check() && Date.now() < until) await new Promise((r) => setTimeout(r, 20))
  return check()
}

describe('pausing tracking', () => {
  it('reads nothing while paused, then catches up on what was written meanwhile when resumed', async () => {
    const { context, call, project } = await contextWithProject()
    await context.startBackgroundWork()
    const writer = new EventWriter(project)

    writer.append({ type: 'skill.invoked', session_id: 's', invocation_id: 'before', skill: 'systematic-debugging' })
    expect(await waitFor(() => runs(context) === 1)).toBe(true)

    const paused = await call<TrackingState>('tracking-pause', { minutes: 60 })
    const until = Date.parse(paused.pausedUntil!)
    expect(until - Date.now()).toBeGreaterThan(59 * 60_000)
    writer.append({ type: 'skill.invoked', session_id: 's', invocation_id: 'during', skill: 'brainstorming' })
    // Given well over the watcher's debounce: nothing is read while paused.
    expect(await waitFor(() => runs(context) > 1, 1500)).toBe(false)
    expect((await call<TrackingState>('tracking-state', {})).pausedUntil).toBe(paused.pausedUntil)

    const resumed = await call<TrackingState>('tracking-pause', { minutes: null })
    expect(resumed.pausedUntil).toBeNull()
    // Resuming catches up on the event written during the pause: nothing is lost.
    expect(await waitFor(() => runs(context) === 2)).toBe(true)
    expect(resumed.runsToday).toBeGreaterThanOrEqual(1)
  })

  it('stays paused across a restart until the pause ends', async () => {
    const { context, call, project } = await contextWithProject()
    await call('tracking-pause', { minutes: 5 })
    // The pause was saved before the app (re)started its background work: nothing is followed.
    await context.startBackgroundWork()
    expect(context.pause.pausedUntil()).not.toBeNull()
    new EventWriter(project).append({ type: 'skill.invoked', session_id: 's', invocation_id: 'during', skill: 'brainstorming' })
    expect(await waitFor(() => runs(context) > 0, 1500)).toBe(false)
    await call('tracking-pause', { minutes: null })
    expect(await waitFor(() => runs(context) === 1)).toBe(true)
  })

  it('tells the tray today\'s runs and the newest ingest problem, naming its file and line', async () => {
    const { context, call, project } = await contextWithProject()
    await context.startBackgroundWork()
    const writer = new EventWriter(project)
    writer.append({ type: 'skill.invoked', session_id: 's', invocation_id: 'today', skill: 'systematic-debugging' })
    writer.append({ type: 'skill.invoked', session_id: 's', invocation_id: 'old', skill: 'brainstorming', ts: '2020-01-01T10:00:00.000Z' })
    const file = path.join(eventsDir(project), writerFileName(new Date()))
    fs.appendFileSync(file, '{"type": "skill.invoked", oops\n')
    expect(await waitFor(() => runs(context) === 2)).toBe(true)
    const state = await call<TrackingState>('tracking-state', {})
    expect(state.runsToday).toBe(1)
    expect(state.lastIngestError).toMatchObject({ file, line: 3 })
    expect(state.lastIngestError!.reason).toMatch(/JSON/i)
  })
})

describe('a tracked project whose folder is gone', () => {
  it('is reported, and the app starts and follows the others (it once looped until the stack ran out)', async () => {
    const { context, call, project } = await contextWithProject()
    const gone = path.join(path.dirname(project), 'gone-project')
    fs.mkdirSync(gone)
    await call('projects-add', { path: gone })
    fs.rmSync(gone, { recursive: true })
    await context.startBackgroundWork()
    const problems = context.database.sqlite.prepare('select reason from ingest_errors where file_path = ?').pluck().all(fs.realpathSync(path.dirname(project)) + path.sep + 'gone-project') as string[]
    expect(problems.some((reason) => reason.includes('the project folder is gone'))).toBe(true)
    new EventWriter(project).append({ type: 'skill.invoked', session_id: 's', invocation_id: 'still', skill: 'brainstorming' })
    expect(await waitFor(() => runs(context) === 1)).toBe(true)
  })
})
