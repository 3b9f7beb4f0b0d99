import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { ChangeBus } from '../api/change-bus'
import { eventsDir } from '../events/event-log-paths'
import { EventWriter } from '../events/event-writer'
import { addProjectRow, databaseWithProject } from '../test-support/project-db'
import { tempDir } from '../test-support/temp-dir'
import { IngestService } from './ingest-service'

const services: IngestService[] = []
afterEach(async () => {
  for (const s of services.splice(0)) await s.stop()
})

const count = (sqlite: import('better-sqlite3').Database) => sqlite.prepare('select count(*) from skill_invocations').pluck().get()

describe('IngestService', () => {
  it('catches up on tracked projects only', async () => {
    const t = await databaseWithProject()
    const untracked = path.join(tempDir(), 'untracked')
    fs.mkdirSync(untracked)
    const untrackedId = addProjectRow(t.database, untracked)
    t.sqlite.prepare('update projects set track = 0 where id = ?').run(untrackedId)
    new EventWriter(t.projectPath).append({ type: 'skill.invoked', session_id: 's', invocation_id: 'a', skill: 'x' })
    new EventWriter(untracked).append({ type: 'skill.invoked', session_id: 's2', invocation_id: 'b', skill: 'y' })
    const service = new IngestService(t.sqlite, new ChangeBus())
    expect(await service.catchUp()).toMatchObject({ files: 1, events: 1 })
    expect(count(t.sqlite)).toBe(1)
  })

  it('ingests a line appended to a watched project within a second and announces it', async () => {
    const t = await databaseWithProject()
    const changes = new ChangeBus()
    const topics: string[][] = []
    changes.subscribe((e) => topics.push(e.topics))
    const service = new IngestService(t.sqlite, changes)
    services.push(service)
    await service.startWatching()
    expect(fs.existsSync(eventsDir(t.projectPath))).toBe(true)

    const started = Date.now()
    new EventWriter(t.projectPath).append({ type: 'skill.invoked', session_id: 's', invocation_id: 'live', skill: 'systematic-debugging' })
    while (count(t.sqlite) === 0 && Date.now() - started < 5000) await new Promise((r) => setTimeout(r, 10))
    expect(count(t.sqlite)).toBe(1)
    expect(topics.some((list) => list.includes('sessions'))).toBe(true)
  })

  it('abandons running invocations older than the timeout', async () => {
    const t = await databaseWithProject()
    const old = new Date(Date.now() - 3 * 3600_000).toISOString()
    new EventWriter(t.projectPath).append({ type: 'skill.invoked', session_id: 's', invocation_id: 'old', skill: 'x', ts: old })
    new EventWriter(t.projectPath).append({ type: 'skill.invoked', session_id: 's', invocation_id: 'new', skill: 'x' })
    const service = new IngestService(t.sqlite, new ChangeBus(), { abandonAfterMs: 2 * 3600_000 })
    expect(await service.catchUp()).toMatchObject({ events: 2, abandoned: 1 })
    expect(t.sqlite.prepare('select status from skill_invocations order by started_at').pluck().all()).toEqual(['abandoned', 'running'])
  })
})
