import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { eventsDir } from '../events/event-log-paths'
import { EventFileIngester } from '../ingest/event-file-ingester'
import { databaseWithProject } from '../test-support/project-db'
import { readProjectEvents } from '../test-support/project-events'
import { SkillTracker } from './tracker'


function ingestAll(t: Awaited<ReturnType<typeof databaseWithProject>>) {
  const ingester = new EventFileIngester(t.sqlite)
  for (const f of fs.readdirSync(eventsDir(t.projectPath))) ingester.ingest(path.join(eventsDir(t.projectPath), f), t.project)
  return t.sqlite.prepare('select skill_name, status, workflow_path, user_query, error_type, follow_up_actions from skill_invocations order by id').all()
}

describe('SkillTracker', () => {
  it('records an invocation and its completion through the event log, as in the design brief', async () => {
    const t = await databaseWithProject({ storePrompts: true })
    const tracker = new SkillTracker(t.projectPath)
    tracker.startSession('s1', { model: 'claude-opus-4-6' })
    const complete = tracker.trackInvocation({ skillName: 'crackerjack-run', sessionId: 's1', workflowPath: 'quick', userQuery: 'I need to fix type errors' })
    complete({ completed: true, followUpActions: ['git commit'] })
    complete({ completed: false, errorType: 'late' }) // a completer counts once
    const failing = tracker.trackInvocation({ skillName: 'session-checkpoint', sessionId: 's1' })
    failing({ completed: false, errorType: 'TimeoutError' })
    tracker.endSession('s1')

    expect(readProjectEvents(t.projectPath).map((e) => e.type)).toEqual(['session.started', 'skill.invoked', 'skill.completed', 'skill.invoked', 'skill.failed', 'session.ended'])
    expect(ingestAll(t)).toEqual([
      { skill_name: 'crackerjack-run', status: 'completed', workflow_path: 'quick', user_query: 'I need to fix type errors', error_type: null, follow_up_actions: '["git commit"]' },
      { skill_name: 'session-checkpoint', status: 'failed', workflow_path: null, user_query: null, error_type: 'TimeoutError', follow_up_actions: '[]' },
    ])
  })

  it('records a never-completed invocation as abandoned at session end', async () => {
    const t = await databaseWithProject()
    const tracker = new SkillTracker(t.projectPath)
    tracker.trackInvocation({ skillName: 'brainstorming', sessionId: 's2' })
    expect(tracker.openInvocations).toBe(1)
    tracker.endSession('s2', 'clear')
    expect(tracker.openInvocations).toBe(0)
    expect(readProjectEvents(t.projectPath).map((e) => e.type)).toEqual(['skill.invoked', 'skill.abandoned', 'session.ended'])
    expect(ingestAll(t)).toMatchObject([{ skill_name: 'brainstorming', status: 'abandoned' }])
  })

  it('records it as abandoned after the configured timeout', async () => {
    const t = await databaseWithProject()
    const tracker = new SkillTracker(t.projectPath, { abandonAfterMs: 30 })
    const complete = tracker.trackInvocation({ skillName: 'writing-plans', sessionId: 's3' })
    await new Promise((resolve) => setTimeout(resolve, 80))
    complete({ completed: true }) // too late: already abandoned
    const events = readProjectEvents(t.projectPath)
    expect(events.map((e) => e.type)).toEqual(['skill.invoked', 'skill.abandoned'])
    expect(events[1]).toMatchObject({ reason: 'timed out' })
  })
})
