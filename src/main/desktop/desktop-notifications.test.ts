import { describe, expect, it } from 'vitest'
import { EventWriter } from '../events/event-writer'
import { contextWithProject } from '../test-support/app-context'
import type { DesktopNotification } from './desktop-notifications'
import { DesktopNotifier } from './desktop-notifications'

async function setup(settings: Record<string, boolean>) {
  const { context, call, project } = await contextWithProject()
  await call('desktop-settings-set', settings)
  const shown: DesktopNotification[] = []
  const notifier = new DesktopNotifier(context.database.sqlite, context.changes, (n) => shown.push(n))
  const writer = new EventWriter(project)
  let n = 0
  const run = async (outcome: 'completed' | 'failed' | 'abandoned', skill = 'deploy-checks') => {
    const id = `run-${++n}`
    writer.append({ type: 'skill.invoked', session_id: 's', invocation_id: id, skill })
    if (outcome === 'failed') writer.append({ type: 'skill.failed', session_id: 's', invocation_id: id, skill, error_type: 'tool_error' })
    else writer.append({ type: `skill.${outcome}`, session_id: 's', invocation_id: id, skill })
    await call('ingest-run', {})
    notifier.checkFailures()
  }
  return { context, call, shown, notifier, run }
}

describe('desktop notifications', () => {
  it('tells a skill that failed 3 times in a row once, and again after a success ends the streak', async () => {
    const { shown, run, notifier } = await setup({ notifySkillFailures: true })
    await run('failed')
    await run('failed')
    expect(shown).toEqual([])
    await run('failed')
    expect(shown).toHaveLength(1)
    expect(shown[0]!.title).toBe('deploy-checks failed 3 times in a row')
    expect(shown[0]!.body).toMatch(/^In .+\. Open Session Buddy/)
    await run('failed') // the same streak: told already
    expect(shown).toHaveLength(1)
    await run('completed')
    await run('failed')
    await run('abandoned') // an abandon breaks the row too
    await run('failed')
    await run('failed')
    expect(shown).toHaveLength(1)
    await run('failed')
    expect(shown).toHaveLength(2)
    // Another skill's success does not break this one's streak, and never notifies itself.
    await run('completed', 'brainstorming')
    expect(shown).toHaveLength(2)
    notifier.close()
  })

  it('says nothing with the defaults (both off)', async () => {
    const { context, shown, run, notifier } = await setup({})
    for (let i = 0; i < 4; i++) await run('failed')
    context.changes.finished({ task: 'import:claude-code', summary: '3 skill runs added from 2 transcripts' })
    // The check after a change waits for quiet; give it time to (not) fire.
    await new Promise((r) => setTimeout(r, 1200))
    expect(shown).toEqual([])
    notifier.close()
  })

  it('tells an import finished, with what it added, when switched on', async () => {
    const { call, shown, notifier } = await setup({ notifyImportFinished: true })
    await call('import-run', { source: 'claude-code', from: [] })
    expect(shown).toEqual([{ title: 'Import finished', body: '0 skill runs added from 0 transcripts' }])
    notifier.close()
  })
})
