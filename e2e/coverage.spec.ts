import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { expect, test } from '@playwright/test'
import { MISSED_PROMPT, missedTriggerSession, writeTriggerSkills } from '../src/main/test-support/missed-trigger-session'
import { ROOT, screenshotPath } from './support/app-server'
import { openApp, type AppUnderTest } from './support/app-under-test'

let server: AppUnderTest
let root: string

test.beforeEach(async ({ page }) => {
  root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'session-buddy-e2e-coverage-')))
  const project = path.join(root, 'webshop')
  fs.mkdirSync(project)
  const claude = path.join(root, 'claude')
  writeTriggerSkills(claude)
  const folder = path.join(claude, 'projects', project.replace(/[^a-zA-Z0-9]/g, '-'))
  fs.mkdirSync(folder, { recursive: true })
  fs.writeFileSync(path.join(folder, 'sess-missed.jsonl'), missedTriggerSession(project, 'sess-missed'))
  server = await openApp(page, { claudeConfigDir: claude })
  const env = { ...process.env, SESSION_BUDDY_HOME: server.dataDir, CLAUDE_CONFIG_DIR: claude }
  execFileSync(process.execPath, [path.join(ROOT, 'bin', 'session-buddy.js'), 'projects', 'add', project, '--store-prompts'], { env })
  execFileSync(process.execPath, [path.join(ROOT, 'bin', 'session-buddy.js'), 'import', 'claude-code'], { env, stdio: 'pipe' })
})
test.afterEach(async () => {
  await server.stop()
  fs.rmSync(root, { recursive: true, force: true })
})

test('coverage shows a missed trigger with its prompt, and its link opens the session at that prompt', async () => {
  const { page } = server
  await server.goto('#/coverage')
  await expect(page.getByRole('heading', { name: 'Coverage', level: 1 })).toBeVisible()
  const row = page.getByRole('table', { name: 'Trigger rate per skill' }).getByRole('row', { name: /release-notes/ })
  await expect(row).toContainText(/release-notes\s*2\s*1 \(50%\)\s*0\s*1 request/)
  await row.getByText('1 request').click()
  const missed = page.getByRole('list', { name: 'Missed triggers of release-notes' })
  await expect(missed).toContainText(MISSED_PROMPT)
  await page.screenshot({ path: screenshotPath('coverage-missed-triggers'), fullPage: true })

  await missed.getByRole('link').first().click()
  await expect(page.getByRole('heading', { name: /^Session /, level: 1 })).toBeVisible()
  await expect(page).toHaveURL(/#\/sessions\/sess-missed\/at\//)
  await expect(page.getByRole('feed', { name: 'Conversation' })).toContainText(MISSED_PROMPT)
})
