import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { expect, test } from '@playwright/test'
import { ROOT, screenshotPath, startAppServer, type AppServer } from './support/app-server'

let server: AppServer | undefined
test.afterEach(async () => {
  await server?.stop()
})

test('a database that cannot be opened is recovered from its backup, and the app says what it did', async ({ page }) => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'session-buddy-e2e-'))
  const project = fs.mkdtempSync(path.join(os.tmpdir(), 'session-buddy-e2e-project-'))
  const cli = (...args: string[]) => execFileSync(process.execPath, [path.join(ROOT, 'bin', 'session-buddy.js'), '--data-dir', dataDir, ...args], { stdio: 'pipe' })
  cli('projects', 'add', project)
  cli('doctor', '--backup')
  const file = path.join(dataDir, 'session-buddy.sqlite')
  fs.writeFileSync(file, 'not a database '.repeat(1000))
  for (const suffix of ['-wal', '-shm']) fs.rmSync(file + suffix, { force: true })

  server = await startAppServer({ dataDir })
  await page.goto(server.url + '#/projects')
  const banner = page.getByRole('alert').filter({ hasText: 'The database could not be opened' })
  await expect(banner).toContainText('file is not a database')
  await expect(banner).toContainText('restored the backup of')
  await banner.getByText('What was done, and what could not be recovered').click()
  await expect(banner).toContainText(/kept, untouched, at .*damaged/)
  await expect(banner).toContainText('Not recovered: Anything stored only in the database after the backup')
  // The project registered before the backup is back.
  await expect(page.getByRole('row', { name: new RegExp(path.basename(project)) })).toBeVisible()
  await page.screenshot({ path: screenshotPath('recovery') })

  await banner.getByRole('button', { name: 'Got it' }).click()
  await expect(banner).toHaveCount(0)
  await page.reload()
  await expect(page.getByRole('heading', { name: 'Projects', level: 1 })).toBeVisible()
  await expect(page.getByText('The database could not be opened')).toHaveCount(0)
  fs.rmSync(project, { recursive: true, force: true })
})
