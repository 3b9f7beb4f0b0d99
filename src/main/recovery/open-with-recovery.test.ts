import fs from 'node:fs'
import path from 'node:path'
import BetterSqlite3 from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { ChangeBus } from '../api/change-bus'
import { EventWriter } from '../events/event-writer'
import { IngestService } from '../ingest/ingest-service'
import { listBackups, takeBackup } from '../storage/backups'
import { openDatabase, type AppDatabase } from '../storage/database'
import { nativeBindingPath } from '../storage/native-binding'
import { addProjectRow } from '../test-support/project-db'
import { tempDir } from '../test-support/temp-dir'
import { openDatabaseWithRecovery } from './open-with-recovery'
import { RECOVERY_SETTING } from './recovery-settings'

/** A data folder with one registered project whose event log holds two skill runs, ingested. */
async function dataFolderWithHistory() {
  const root = tempDir()
  const file = path.join(root, 'data', 'session-buddy.sqlite')
  const database = await openDatabase(file)
  const projectPath = path.join(root, 'project')
  fs.mkdirSync(projectPath)
  const projectId = addProjectRow(database, projectPath, true)
  const writer = new EventWriter(projectPath)
  for (const id of ['a', 'b']) writer.append({ type: 'skill.invoked', session_id: 's1', invocation_id: id, skill: 'systematic-debugging', user_query: `prompt ${id}` })
  await new IngestService(database.sqlite, new ChangeBus()).catchUp()
  return { root, file, database, projectPath, projectId }
}

const invocations = (database: AppDatabase) => database.sqlite.prepare('select count(*) from skill_invocations').pluck().get()

/** Overwrites the first b-tree page of a table with junk: opening and migrating then fails on SQLITE_CORRUPT. */
function corruptTable(file: string, table: string): void {
  const db = new BetterSqlite3(file, { nativeBinding: nativeBindingPath() })
  db.pragma('wal_checkpoint(TRUNCATE)')
  const page = db.prepare('select rootpage from sqlite_master where name = ?').pluck().get(table) as number
  const size = db.pragma('page_size', { simple: true }) as number
  db.close()
  const fd = fs.openSync(file, 'r+')
  fs.writeSync(fd, Buffer.alloc(size, 0x5a), 0, size, (page - 1) * size)
  fs.closeSync(fd)
}

describe('openDatabaseWithRecovery', () => {
  it('a file that is not a database: kept aside, the newest good backup restored, a bad backup passed over', async () => {
    const t = await dataFolderWithHistory()
    const good = await takeBackup(t.database.sqlite, t.file, 'daily', '', new Date(Date.now() - 60_000))
    fs.utimesSync(good, new Date(Date.now() - 60_000), new Date(Date.now() - 60_000))
    const bad = await takeBackup(t.database.sqlite, t.file, 'daily')
    corruptTable(bad, 'projects')
    await t.database.close()
    fs.writeFileSync(t.file, 'this is not a database'.repeat(500))

    const { database, recovery } = await openDatabaseWithRecovery(t.file)
    try {
      expect(recovery).toMatchObject({ problem: expect.stringMatching(/not a database/), restoredFrom: { file: good }, projectsFromDamagedFile: null })
      expect(recovery!.backupsSkipped).toEqual([expect.stringMatching(new RegExp(`^${path.basename(bad)}: .*(integrity check|malformed)`))])
      expect(fs.readFileSync(recovery!.damagedCopy, 'utf8')).toMatch(/^this is not a database/)
      expect(invocations(database)).toBe(2)
      expect(recovery!.notRecovered.join(' ')).toMatch(/list of projects could not be read/)
      // Kept in the database, for the app to show until dismissed.
      expect(JSON.parse(database.sqlite.prepare('select value from app_settings where key = ?').pluck().get(RECOVERY_SETTING) as string)).toMatchObject({ damagedCopy: recovery!.damagedCopy })
    } finally {
      await database.close()
    }
  })

  it('no backup: a new database with the projects the damaged file still lists, rebuilt from their event logs', async () => {
    const t = await dataFolderWithHistory()
    await t.database.close()
    corruptTable(t.file, 'kysely_migration')
    expect(listBackups(t.file)).toEqual([])

    const { database, recovery } = await openDatabaseWithRecovery(t.file)
    try {
      expect(recovery).toMatchObject({ problem: expect.stringMatching(/malformed/), restoredFrom: null, projectsFromDamagedFile: 1, projectsAdded: 1 })
      const project = database.sqlite.prepare('select path, store_prompts from projects').get()
      expect(project).toEqual({ path: t.projectPath, store_prompts: 1 })
      expect(invocations(database)).toBe(0)
      expect(await new IngestService(database.sqlite, new ChangeBus()).catchUp()).toMatchObject({ events: 2 })
      expect(invocations(database)).toBe(2)
    } finally {
      await database.close()
    }
  })

  it('the damaged file is newer than the backup: a project removed since stays removed, prompts switched off since are purged', async () => {
    const t = await dataFolderWithHistory()
    const other = path.join(t.root, 'other')
    fs.mkdirSync(other)
    addProjectRow(t.database, other)
    await takeBackup(t.database.sqlite, t.file, 'daily')
    t.database.sqlite.prepare('delete from projects where path = ?').run(other)
    t.database.sqlite.prepare('update projects set store_prompts = 0').run()
    await t.database.close()
    corruptTable(t.file, 'kysely_migration')

    const { database, recovery } = await openDatabaseWithRecovery(t.file)
    try {
      expect(recovery).toMatchObject({ restoredFrom: { file: expect.any(String) }, projectsFromDamagedFile: 1, projectsRemoved: 1, projectsAdded: 0 })
      expect(database.sqlite.prepare('select path, store_prompts from projects').all()).toEqual([{ path: t.projectPath, store_prompts: 0 }])
      expect(database.sqlite.prepare('select count(*) from skill_invocations where user_query is not null').pluck().get()).toBe(0)
      expect(invocations(database)).toBe(2)
    } finally {
      await database.close()
    }
  })

  it('a migration that fails on the file and on every backup changes nothing and says so', async () => {
    const file = path.join(tempDir(), 'session-buddy.sqlite')
    // Before the run-outcomes migration, which adds sessions.synthetic: a column already there makes it fail.
    const old = await openDatabase(file, { migrateTo: '2026-11-25-005-insight-summaries' })
    old.sqlite.prepare("insert into projects (path, name, registered_at, updated_at) values ('/p', 'p', 'now', 'now')").run()
    old.sqlite.exec('alter table sessions add column synthetic integer')
    await old.close()
    const before = fs.readFileSync(file)
    await expect(openDatabaseWithRecovery(file)).rejects.toThrow(/duplicate column name: synthetic.*nothing was changed: your data is still in/)
    expect(fs.readFileSync(file).equals(before)).toBe(true)
    expect(fs.existsSync(path.join(path.dirname(file), 'damaged'))).toBe(false)
  })

  it('a database from a newer version is left as it is, even with older backups at hand', async () => {
    const t = await dataFolderWithHistory()
    await takeBackup(t.database.sqlite, t.file, 'daily')
    t.database.sqlite.prepare("insert into kysely_migration (name, timestamp) values ('2099-01-01-999-from-the-future', '2099-01-01')").run()
    await t.database.close()
    const before = fs.readFileSync(t.file)
    await expect(openDatabaseWithRecovery(t.file)).rejects.toThrow(/written by a newer version of Session Buddy \(it has the migration 2099-01-01-999-from-the-future.*Nothing was changed/)
    expect(fs.readFileSync(t.file).equals(before)).toBe(true)
    expect(fs.existsSync(path.join(path.dirname(t.file), 'damaged'))).toBe(false)
  })

  it('a problem of the surroundings, not the file, moves nothing', async () => {
    const dir = tempDir()
    const file = path.join(dir, 'session-buddy.sqlite')
    fs.mkdirSync(file)
    await expect(openDatabaseWithRecovery(file)).rejects.toThrow()
    expect(fs.statSync(file).isDirectory()).toBe(true)
    expect(fs.existsSync(path.join(dir, 'damaged'))).toBe(false)
  })
})
