import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import BetterSqlite3 from 'better-sqlite3'
import path from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { ChangeBus } from '../api/change-bus'
import { eventsDir } from '../events/event-log-paths'
import { EventWriter } from '../events/event-writer'
import { addProjectRow, databaseWithProject } from '../test-support/project-db'
import { tempDir } from '../test-support/temp-dir'
import { PARTIAL_LINE_GRACE_MS } from './event-file-ingester'
import { IngestService } from './ingest-service'

const services: IngestService[] = []
afterEach(async () => {
  for (const s of services.splice(0)) await s.stop()
})

const count = (sqlite: import('better-sqlite3').Database) => sqlite.prepare('select count(*) from skill_invocations').pluck().get() as number

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

  it('with one stat, skips a file read to its end whose size, time and inode are unchanged; any change gets it read', async () => {
    const t = await databaseWithProject()
    // Named for today: files of recent days may still grow, so each is checked.
    const today = new Date().toISOString().slice(0, 10)
    const files = Array.from({ length: 300 }, (_, i) => path.join(eventsDir(t.projectPath), `${today}-host-${i}.jsonl`))
    fs.mkdirSync(eventsDir(t.projectPath), { recursive: true })
    const line = (id: string) => `${JSON.stringify({ v: 1, id, ts: '2026-11-20T10:00:00Z', type: 'skill.invoked', session_id: 's', invocation_id: id, skill: 'x' })}\n`
    // Whole seconds, so the test can put a time back exactly.
    const then = new Date('2026-11-20T11:00:00Z')
    files.forEach((file, i) => {
      fs.writeFileSync(file, line(`e${i}`))
      fs.utimesSync(file, then, then)
    })
    const service = new IngestService(t.sqlite, new ChangeBus())
    expect(await service.catchUp()).toMatchObject({ files: 300, events: 300 })
    expect(await service.catchUp()).toMatchObject({ files: 0, events: 0 })

    // Rewritten in place to the same size with the old time put back: one stat cannot tell, so it is not read
    // (the writers' rule is append-only; this shows the skip is real).
    fs.writeFileSync(files[0]!, line('x0'))
    fs.utimesSync(files[0]!, then, then)
    // Appended to, and only touched: both read again; the touched one adds nothing.
    fs.appendFileSync(files[1]!, line('e1-more'))
    fs.utimesSync(files[2]!, new Date(), new Date())
    expect(await service.catchUp()).toMatchObject({ files: 2, events: 1 })
    expect(await service.catchUp()).toMatchObject({ files: 0 })
    expect(count(t.sqlite)).toBe(301)
  })

  it('a catch-up with 20,000 settled files (named for a day two or more days past, read to their end) neither opens nor stats them; new files are read', { timeout: 60_000 }, async () => {
    const t = await databaseWithProject()
    const dir = eventsDir(t.projectPath)
    fs.mkdirSync(dir, { recursive: true })
    const line = (id: string) => `${JSON.stringify({ v: 1, id, ts: '2026-11-20T10:00:00Z', type: 'skill.invoked', session_id: 's', invocation_id: id, skill: 'x' })}\n`
    const day = (daysAgo: number) => new Date(Date.now() - daysAgo * 86_400_000).toISOString().slice(0, 10)
    const old = Array.from({ length: 20_000 }, (_, i) => path.join(dir, `${day(3)}-host-${i}.jsonl`))
    const recent = path.join(dir, `${day(1)}-host-1.jsonl`)
    for (const [i, file] of [...old, recent].entries()) fs.writeFileSync(file, line(`e${i}`))
    const service = new IngestService(t.sqlite, new ChangeBus())
    expect(await service.catchUp()).toMatchObject({ files: 20_001, events: 20_001 })
    // Read to their end and unchanged: now settled.
    expect(await service.catchUp()).toMatchObject({ files: 0 })
    expect(t.sqlite.prepare('select count(*) from ingest_files where settled = 1').pluck().get()).toBe(20_000)

    const stats = vi.spyOn(fs, 'lstatSync')
    const opens = vi.spyOn(fs, 'openSync')
    try {
      fs.appendFileSync(recent, line('more'))
      fs.writeFileSync(path.join(dir, `${day(3)}-host-new.jsonl`), line('late'))
      expect(await service.catchUp()).toMatchObject({ files: 2, events: 2 })
      const touched = [...stats.mock.calls, ...opens.mock.calls].map((call) => String(call[0]))
      expect(touched).toContain(recent)
      const settled = new Set(old)
      expect(touched.filter((file) => settled.has(file))).toEqual([])
    } finally {
      stats.mockRestore()
      opens.mockRestore()
    }
    // A settled file that is written again while the app watches is still read (the watcher reports it).
    await service.startWatching()
    services.push(service)
    fs.appendFileSync(old[0]!, line('appended-later'))
    const started = Date.now()
    while (count(t.sqlite) < 20_004 && Date.now() - started < 5000) await new Promise((r) => setTimeout(r, 10))
    expect(count(t.sqlite)).toBe(20_004)
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

describe('one bad entry never stops ingest', () => {
  it('skips and reports a folder, a FIFO and a symlink named *.jsonl, a gone project and one whose events folder cannot be made, and ingests the rest', async () => {
    const t = await databaseWithProject()
    const events = eventsDir(t.projectPath)
    new EventWriter(t.projectPath).append({ type: 'skill.invoked', session_id: 's', invocation_id: 'good', skill: 'lint' })
    fs.mkdirSync(path.join(events, 'x.jsonl'))
    execFileSync('mkfifo', [path.join(events, 'f.jsonl')])
    const secret = path.join(tempDir(), 'secret.txt')
    fs.writeFileSync(secret, 'root:x:0:0:do not copy me\n')
    fs.symlinkSync(secret, path.join(events, 'p.jsonl'))
    // A project whose folder was deleted, and one whose .session-buddy is a file (its events folder cannot be made).
    const gone = path.join(tempDir(), 'gone')
    addProjectRow(t.database, gone)
    const blocked = path.join(tempDir(), 'blocked')
    fs.mkdirSync(blocked)
    fs.writeFileSync(path.join(blocked, '.session-buddy'), 'not a folder')
    addProjectRow(t.database, blocked)
    // Another healthy project after the bad ones.
    const other = path.join(tempDir(), 'other')
    fs.mkdirSync(other)
    addProjectRow(t.database, other)

    const service = new IngestService(t.sqlite, new ChangeBus())
    services.push(service)
    await service.startWatching()
    new EventWriter(other).append({ type: 'skill.invoked', session_id: 's2', invocation_id: 'other', skill: 'test' })
    await service.catchUp()

    expect(t.sqlite.prepare('select source_ref from skill_invocations order by source_ref').pluck().all()).toEqual(['inv:good', 'inv:other'])
    const problems = t.sqlite.prepare('select file_path, line, reason, excerpt from ingest_errors order by file_path').all() as Array<{ file_path: string; line: number; reason: string; excerpt: string | null }>
    const reasonFor = (file: string) => problems.find((p) => p.file_path === file)?.reason
    expect(reasonFor(path.join(events, 'x.jsonl'))).toMatch(/not a regular file \(a folder\)/)
    expect(reasonFor(path.join(events, 'f.jsonl'))).toMatch(/not a regular file \(a FIFO\)/)
    expect(reasonFor(path.join(events, 'p.jsonl'))).toMatch(/not a regular file \(a symbolic link\)/)
    expect(reasonFor(gone)).toMatch(/project folder is gone/)
    expect(reasonFor(eventsDir(blocked))).toMatch(/events folder cannot be created/)
    // Nothing of the symlink's target was copied anywhere, and the gone project was not re-created.
    expect(JSON.stringify(problems)).not.toContain('do not copy me')
    expect(problems.every((p) => p.excerpt === null && p.line === 0)).toBe(true)
    expect(fs.existsSync(gone)).toBe(false)
    // A second pass records each problem once.
    await service.catchUp()
    expect(t.sqlite.prepare('select count(*) from ingest_errors').pluck().get()).toBe(problems.length)
  })
})

describe('a file that fails mid-read among many', () => {
  it('is recorded against that file alone: its group is read again with a savepoint per file, and every other file is kept once', async () => {
    const t = await databaseWithProject()
    const dir = eventsDir(t.projectPath)
    fs.mkdirSync(dir, { recursive: true })
    const line = (id: string) => `${JSON.stringify({ v: 1, id, ts: '2026-11-20T10:00:00Z', type: 'skill.invoked', session_id: 's', invocation_id: id, skill: 'x' })}\n`
    for (let i = 0; i < 50; i++) fs.writeFileSync(path.join(dir, `2026-11-20-host-${String(i).padStart(2, '0')}.jsonl`), line(`e${i}`))
    // Bigger than the 4 KB head read for its fingerprint, so its lines take a read of their own, which fails.
    const bad = path.join(dir, '2026-11-20-host-25b.jsonl')
    const badLines = Array.from({ length: 40 }, (_, i) => line(`bad-${i}`)).join('')
    fs.writeFileSync(bad, badLines)
    const read = fs.readSync
    const failing = vi.spyOn(fs, 'readSync').mockImplementation(((fd: number, buffer: NodeJS.ArrayBufferView, offset: number, length: number, position: number) => {
      if (length === badLines.length) throw Object.assign(new Error('EIO: i/o error, read'), { code: 'EIO' })
      return read(fd, buffer, offset, length, position)
    }) as typeof fs.readSync)
    try {
      const summary = await new IngestService(t.sqlite, new ChangeBus()).catchUp()
      expect(summary).toMatchObject({ events: 50, errors: 1 })
    } finally {
      failing.mockRestore()
    }
    expect(count(t.sqlite)).toBe(50)
    expect(t.sqlite.prepare('select file_path, reason from ingest_errors').all()).toEqual([{ file_path: bad, reason: expect.stringMatching(/^not read: EIO/) }])
    // Once the disk reads again, the next catch-up takes the file from its start.
    expect(await new IngestService(t.sqlite, new ChangeBus()).catchUp()).toMatchObject({ events: 40 })
    expect(count(t.sqlite)).toBe(90)
  })
})

describe('no event is lost silently', () => {
  const at = (n: number) => ({ type: 'skill.invoked' as const, session_id: 's', invocation_id: `e${n}`, skill: 'lint' })
  const refs = (sqlite: import('better-sqlite3').Database) => sqlite.prepare('select source_ref from skill_invocations order by source_ref').pluck().all()

  it('a file made again under the same name is read from its start, even where its inode is the old one', async () => {
    const t = await databaseWithProject()
    const writer = new EventWriter(t.projectPath)
    for (const n of [1, 2, 3]) writer.append(at(n))
    const service = new IngestService(t.sqlite, new ChangeBus())
    await service.catchUp()
    const [file] = fs.readdirSync(eventsDir(t.projectPath)).map((f) => path.join(eventsDir(t.projectPath), f))
    // The same inode with new content longer than what was read (what inode reuse looks like to a reader).
    const replacement = [4, 5, 6, 7, 8].map((n) => JSON.stringify({ v: 1, id: `id-${n}`, ts: '2026-11-20T09:00:00Z', ...at(n) })).join('\n') + '\n'
    const inode = fs.statSync(file!).ino
    fs.writeFileSync(file!, replacement)
    expect(fs.statSync(file!).ino).toBe(inode)
    await service.catchUp()
    expect(refs(t.sqlite)).toEqual(['inv:e1', 'inv:e2', 'inv:e3', 'inv:e4', 'inv:e5', 'inv:e6', 'inv:e7', 'inv:e8'])
  })

  it('a writer stopped mid-line: the next event starts a new line, and a partial line that waited too long is reported', async () => {
    const t = await databaseWithProject()
    const writer = new EventWriter(t.projectPath)
    writer.append(at(1))
    const [file] = fs.readdirSync(eventsDir(t.projectPath)).map((f) => path.join(eventsDir(t.projectPath), f))
    fs.appendFileSync(file!, '{"v":1,"id":"torn","type":"skill.inv')
    const service = new IngestService(t.sqlite, new ChangeBus())
    await service.catchUp()
    expect(t.sqlite.prepare('select count(*) from ingest_errors').pluck().get()).toBe(0)
    // It has waited longer than the grace period: reported once, with no excerpt.
    const old = new Date(Date.now() - PARTIAL_LINE_GRACE_MS - 5000)
    fs.utimesSync(file!, old, old)
    await service.catchUp()
    await service.catchUp()
    expect(t.sqlite.prepare('select line, reason, excerpt from ingest_errors').all()).toMatchObject([{ line: 2, reason: expect.stringMatching(/no newline since/), excerpt: null }])
    // The same writer (same pid, same day) appends again: its event is not glued onto the torn line.
    writer.append(at(2))
    await service.catchUp()
    expect(refs(t.sqlite)).toEqual(['inv:e1', 'inv:e2'])
  })

  it('waits for another process’s write lock with back-off instead of dropping what it could not write', async () => {
    const t = await databaseWithProject()
    t.sqlite.pragma('busy_timeout = 50')
    new EventWriter(t.projectPath).append(at(1))
    const other = new BetterSqlite3(t.database.file)
    other.exec('begin immediate')
    const service = new IngestService(t.sqlite, new ChangeBus())
    services.push(service)
    await service.catchUp()
    expect(refs(t.sqlite)).toEqual([])
    other.exec('commit')
    other.close()
    const deadline = Date.now() + 5000
    while (refs(t.sqlite).length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50))
    expect(refs(t.sqlite)).toEqual(['inv:e1'])
    expect(t.sqlite.prepare('select count(*) from ingest_errors').pluck().get()).toBe(0)
  })
})
