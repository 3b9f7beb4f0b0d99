import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { tempDir } from '../test-support/temp-dir'
import { backupsDir, checkDatabaseFile, listBackups, replaceBackups, takeDailyBackupIfDue } from './backups'
import { openDatabase } from './database'

const DAY = 24 * 60 * 60 * 1000

async function databaseWithRow() {
  const file = path.join(tempDir(), 'db.sqlite')
  const database = await openDatabase(file)
  database.sqlite.prepare("insert into projects (path, name, registered_at, updated_at) values ('/p', 'p', 'now', 'now')").run()
  return database
}

describe('backups', () => {
  it('takes one daily copy a day, keeps the newest N, and each copy is a whole database', async () => {
    const database = await databaseWithRow()
    const start = Date.parse('2026-12-01T08:00:00Z')
    const taken: Array<string | null> = []
    for (let hour = 0; hour < 24 * 10; hour += 6) {
      taken.push(await takeDailyBackupIfDue(database.sqlite, database.file, { keep: 3, now: new Date(start + hour * 60 * 60 * 1000) }))
    }
    // One copy per day over ten days (checked every 6 hours), of which the newest 3 are kept.
    expect(taken.filter(Boolean)).toHaveLength(10)
    const kept = listBackups(database.file)
    expect(kept.map((b) => b.takenAt)).toEqual([9, 8, 7].map((d) => new Date(start + d * DAY).toISOString()))
    expect(kept.every((b) => b.kind === 'daily' && b.bytes > 0)).toBe(true)
    expect(checkDatabaseFile(kept[0]!.file)).toEqual({ ok: true })
    const copy = await openDatabase(kept[0]!.file, { readonly: true })
    expect(copy.sqlite.prepare('select name from projects').pluck().all()).toEqual(['p'])
    await copy.close()
    await database.close()
  })

  it('a copy cut short is never listed, and is cleared away by the next backup', async () => {
    const database = await databaseWithRow()
    fs.mkdirSync(backupsDir(database.file), { recursive: true })
    const partial = path.join(backupsDir(database.file), 'daily-2026-12-01T00-00-00-000Z.sqlite.partial')
    fs.writeFileSync(partial, 'half a copy')
    expect(listBackups(database.file)).toEqual([])
    await takeDailyBackupIfDue(database.sqlite, database.file)
    expect(fs.existsSync(partial)).toBe(false)
    expect(listBackups(database.file)).toHaveLength(1)
    await database.close()
  })

  it('after text is erased, one fresh copy replaces every older one', async () => {
    const database = await databaseWithRow()
    await takeDailyBackupIfDue(database.sqlite, database.file, { now: new Date(Date.now() - 2 * DAY) })
    await takeDailyBackupIfDue(database.sqlite, database.file, { now: new Date(Date.now() - DAY) })
    const older = listBackups(database.file).map((b) => b.file)
    database.sqlite.prepare('delete from projects').run()
    expect(await replaceBackups(database.sqlite, database.file)).toBe(2)
    const now = listBackups(database.file)
    expect(now).toHaveLength(1)
    expect(older).not.toContain(now[0]!.file)
    const copy = await openDatabase(now[0]!.file, { readonly: true })
    expect(copy.sqlite.prepare('select count(*) from projects').pluck().get()).toBe(0)
    await copy.close()
    await database.close()
  })

  it('the integrity check names what is wrong with a file', () => {
    const file = path.join(tempDir(), 'junk.sqlite')
    fs.writeFileSync(file, 'x'.repeat(8192))
    expect(checkDatabaseFile(file)).toEqual({ ok: false, problem: 'file is not a database' })
  })
})
