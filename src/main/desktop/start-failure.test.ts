import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { openDatabase } from '../storage/database'
import { openDatabaseWithRecovery } from '../recovery/open-with-recovery'
import { tempDir } from '../test-support/temp-dir'
import { explainStartFailure, startFailureAction, startFailurePage } from './start-failure'

const file = '/home/dev/.local/share/session-buddy/session-buddy.sqlite'
const sqliteError = (code: string, message: string) => Object.assign(new Error(message), { code })

describe('the failing-start window', () => {
  it('explains a database written by a newer version, with doctor\'s restore, from the real error', async () => {
    const databaseFile = path.join(tempDir(), 'session-buddy.sqlite')
    const database = await openDatabase(databaseFile)
    database.sqlite.prepare("insert into kysely_migration (name, timestamp) values ('2099-01-01-999-future', '2099-01-01')").run()
    await database.close()
    const error = await openDatabaseWithRecovery(databaseFile).then(
      () => null,
      (e: unknown) => e,
    )
    const explained = explainStartFailure(error, databaseFile)
    expect(explained.cause).toMatch(/newer Session Buddy/)
    expect(explained.steps.map((s) => s.command)).toEqual(['npx session-buddy doctor --restore latest', 'npx session-buddy doctor'])
  })

  it('tells a lock, a permission, a full disk and a driver built for another runtime apart', () => {
    expect(explainStartFailure(sqliteError('SQLITE_BUSY', 'database is locked'), file).cause).toMatch(/^Another process holds .* locked/)
    expect(explainStartFailure(sqliteError('EACCES', "EACCES: permission denied, open '/x'"), file).steps[0]!.text).toMatch(/read and write access/)
    expect(explainStartFailure(sqliteError('SQLITE_FULL', 'database or disk is full'), file).cause).toMatch(/disk .* is full/)
    const driver = explainStartFailure(new Error('The module better_sqlite3.node was compiled against a different Node.js version using\nNODE_MODULE_VERSION 115.'), file)
    expect(driver.title).toMatch(/does not fit this Electron/)
    expect(driver.steps[0]!.command).toBe('npm run build:electron-binding')
    // Anything else: the error as it is, and doctor's check and restore.
    const other = explainStartFailure(new Error('file is not a database'), file)
    expect(other.cause).toBe('file is not a database')
    expect(other.steps.slice(0, 2).map((s) => s.command)).toEqual(['npx session-buddy doctor', 'npx session-buddy doctor --restore latest'])
  })

  it('renders a static page with no script, escaped text and the three actions', () => {
    const page = startFailurePage(explainStartFailure(new Error('<img src=x onerror=alert(1)>'), file), { dataDir: '/data & co' })
    expect(page).not.toMatch(/<script|<img/i)
    expect(page).toContain('&#60;img src=x onerror=alert(1)&#62;')
    expect(page).toContain('/data &#38; co')
    expect(page).toContain("default-src 'none'")
    const actions = [...page.matchAll(/href="([^"]+)"/g)].map((m) => startFailureAction(m[1]!))
    expect(actions).toEqual(['retry', 'open-data-folder', 'quit'])
    expect(startFailureAction('session-buddy-action:format-disk')).toBeNull()
    expect(startFailureAction('https://example.com/')).toBeNull()
  })
})
