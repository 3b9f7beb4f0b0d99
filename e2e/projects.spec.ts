import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import Database from 'better-sqlite3'
import { expect } from '@playwright/test'
import { test } from './support/app-under-test'
import { screenshotPath } from './support/app-server'

let projectsRoot: string
let dataDir: string

test.beforeEach(async () => {
  projectsRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'session-buddy-e2e-projects-'))
})
test.afterEach(async () => {
  fs.rmSync(projectsRoot, { recursive: true, force: true })
})

function makeProject(name: string): string {
  const dir = path.join(projectsRoot, name)
  fs.mkdirSync(path.join(dir, '.claude', 'skills'), { recursive: true })
  fs.writeFileSync(path.join(dir, 'pyproject.toml'), '[project]\nname = "demo"\n')
  return fs.realpathSync(dir)
}

/** Rows as ingest will write them, straight into the app's SQLite file. */
function seedRows(projectId: number): void {
  const db = new Database(path.join(dataDir, 'session-buddy.sqlite'))
  const now = new Date().toISOString()
  db.prepare("insert into sessions (id, project_id, started_at, source, created_at) values ('s-1', ?, ?, 'event-log', ?)").run(projectId, now, now)
  const invoke = db.prepare(
    "insert into skill_invocations (project_id, session_id, skill_name, status, started_at, source, source_ref) values (?, 's-1', ?, 'completed', ?, 'event-log', ?)",
  )
  invoke.run(projectId, 'crackerjack-run', now, 'e2e-1')
  invoke.run(projectId, 'session-checkpoint', now, 'e2e-2')
  db.close()
}

function countRows(table: string): number {
  const db = new Database(path.join(dataDir, 'session-buddy.sqlite'), { readonly: true })
  const n = db.prepare(`select count(*) from ${table}`).pluck().get() as number
  db.close()
  return n
}

test('register a project through the UI, see it listed, remove it and its rows', async ({ app }) => {
  const { page } = app
  dataDir = app.dataDir
  const folder = makeProject('checkout-service')
  await app.goto('')
  // With no project registered, the app opens on the first-run screen.
  await expect(page.getByRole('heading', { name: 'Welcome to Session Buddy', level: 1 })).toBeVisible()
  // The token left the address bar once the app had it.
  expect(page.url()).not.toContain('token=')

  await page.getByRole('link', { name: /Projects/ }).click()
  await expect(page.getByRole('heading', { name: 'Projects', level: 1 })).toBeVisible()
  await expect(page.getByText('No project is registered yet')).toBeVisible()

  // A folder that does not exist is refused with a clear message.
  await page.getByLabel('Project folder').fill(path.join(projectsRoot, 'missing'))
  await page.getByRole('button', { name: 'Check folder' }).click()
  await expect(page.getByRole('alert')).toContainText('No folder at')

  await page.getByLabel('Project folder').fill(folder)
  await page.getByLabel('Project folder').press('Enter')
  const consent = page.getByRole('list', { name: 'Paths Session Buddy will read' })
  await expect(consent).toContainText(path.join(folder, '.session-buddy', 'events'))
  await expect(consent).toContainText(path.join(folder, '.claude', 'skills'))
  await expect(page.getByLabel('Store my prompts with skill invocations')).not.toBeChecked()
  await page.screenshot({ path: screenshotPath('projects-consent'), fullPage: true })

  await page.getByRole('button', { name: 'Register project' }).click()
  const row = page.getByTestId('project-row')
  await expect(row).toHaveCount(1)
  await expect(row).toContainText('checkout-service')
  await expect(row).toContainText('python')

  seedRows(1)
  expect(countRows('skill_invocations')).toBe(2)
  await page.reload()
  await expect(row.locator('td.num').nth(1)).toHaveText('2')
  await page.screenshot({ path: screenshotPath('projects'), fullPage: true })

  // Registering the same folder again is refused.
  await page.getByLabel('Project folder').fill(folder)
  await page.getByRole('button', { name: 'Check folder' }).click()
  await page.getByRole('button', { name: 'Register project' }).click()
  await expect(page.getByRole('alert')).toContainText('is already registered')
  await page.getByRole('button', { name: 'Cancel' }).click()

  const remove = page.getByRole('button', { name: 'Remove checkout-service' })
  await remove.click()
  const dialog = page.getByRole('dialog', { name: 'Remove checkout-service?' })
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused()
  // Escape closes it, and focus goes back to the button that opened it.
  await page.keyboard.press('Escape')
  await expect(dialog).toHaveCount(0)
  await expect(remove).toBeFocused()
  await remove.press('Enter')
  await expect(dialog).toContainText('2 skill invocations')
  await page.screenshot({ path: screenshotPath('projects-remove-dialog') })
  await dialog.getByRole('button', { name: 'Remove and delete its data' }).click()
  await expect(page.getByText('No project is registered yet')).toBeVisible()

  expect(countRows('projects')).toBe(0)
  expect(countRows('sessions')).toBe(0)
  expect(countRows('skill_invocations')).toBe(0)
})

test('privacy switches change the stored project', async ({ app }) => {
  const { page } = app
  dataDir = app.dataDir
  makeProject('api')
  await app.goto('#/projects')
  await page.getByLabel('Project folder').fill(path.join(projectsRoot, 'api'))
  await page.getByRole('button', { name: 'Check folder' }).click()
  await page.getByLabel('Include in cross-project insights').uncheck()
  await page.getByRole('button', { name: 'Register project' }).click()
  await expect(page.getByLabel('Include api in insights')).not.toBeChecked()
  await page.getByLabel('Store prompts of api').check()
  await expect(page.getByLabel('Store prompts of api')).toBeChecked()
  // Switching it off again asks first, since the prompt text stored so far is deleted.
  const asked: string[] = []
  page.once('dialog', (dialog) => {
    asked.push(dialog.message())
    void dialog.dismiss()
  })
  await page.getByLabel('Store prompts of api').click()
  expect(asked[0]).toMatch(/Stop storing prompts for api\? The prompt text already stored for it is deleted too/)
  await expect(page.getByLabel('Store prompts of api')).toBeChecked()
  const db = new Database(path.join(dataDir, 'session-buddy.sqlite'), { readonly: true })
  expect(db.prepare('select include_in_insights, store_prompts, track from projects').get()).toEqual({
    include_in_insights: 0,
    store_prompts: 1,
    track: 1,
  })
  db.close()
})
