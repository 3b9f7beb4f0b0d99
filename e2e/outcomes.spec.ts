import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { expect, test } from '@playwright/test'
import { TranscriptLines } from '../src/main/test-support/transcript-lines'
import { ROOT, screenshotPath } from './support/app-server'
import { openApp, type AppUnderTest } from './support/app-under-test'

let server: AppUnderTest
let root: string

test.beforeEach(async ({ page }) => {
  root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'session-buddy-e2e-outcomes-')))
  fs.mkdirSync(path.join(root, 'claude', 'projects'), { recursive: true })
  server = await openApp(page, { claudeConfigDir: path.join(root, 'claude') })
})
test.afterEach(async () => {
  await server.stop()
  fs.rmSync(root, { recursive: true, force: true })
})

test('a run’s outcome and its evidence, live from the transcript, on the Session and Skill pages', async () => {
  const { page } = server
  const project = path.join(root, 'webshop')
  fs.mkdirSync(project)
  fs.writeFileSync(path.join(project, 'package.json'), '{}')
  execFileSync(process.execPath, [path.join(ROOT, 'bin', 'session-buddy.js'), 'projects', 'add', project], { env: { ...process.env, SESSION_BUDDY_HOME: server.dataDir }, encoding: 'utf8' })

  // Claude Code writes the session's transcript as it goes; no hooks are installed.
  const folder = path.join(root, 'claude', 'projects', project.replace(/[^a-zA-Z0-9]/g, '-'))
  fs.mkdirSync(folder)
  const lines = new TranscriptLines(project, 'sess-e2e', Date.now() - 120_000)
    .prompt(0, 'make the checkout tests pass')
    .skill(2, 'toolu_e2e', 'crackerjack-run')
    .bash(4, 'toolu_1', 'npm test', false)
    .bash(20, 'toolu_2', 'npm test', false)
    .bash(40, 'toolu_3', 'npm test', true)
    .text(45, 'The checkout tests pass now.')
    .turnEnd(45)
    .prompt(60, "no, that didn't work, CI is still red")
  fs.writeFileSync(path.join(folder, 'sess-e2e.jsonl'), `${lines}\n`)

  await server.goto('#/sessions/sess-e2e')
  const runs = page.getByRole('region', { name: 'In order' })
  await expect(runs).toContainText('failed (inferred)', { timeout: 10_000 })
  await expect(runs).toContainText('2 of 3 test runs failed; 3 tool calls, 2 failed; then the next prompt was a correction')
  await expect(runs).toContainText('43.0 s')
  await page.screenshot({ path: screenshotPath('session-outcomes'), fullPage: true })

  await runs.getByRole('link', { name: 'crackerjack-run' }).click()
  await expect(page.getByRole('heading', { name: 'crackerjack-run', level: 1 })).toBeVisible()
  await expect(page.getByTestId('scope')).toContainText('the 1 registered project · all time')
  await expect(page.getByLabel('Effectiveness')).toContainText('Failed1 (100%)')
  const recent = page.getByRole('list', { name: 'Recent runs' })
  await expect(recent).toContainText('failed (inferred): 2 of 3 test runs failed')
  await page.screenshot({ path: screenshotPath('skill-outcomes'), fullPage: true })

  // The Skills list counts the same run the same way.
  await server.goto('#/skills')
  // Uses 1, completed 0%, failed 1, abandoned 0, unknown 0.
  await expect(page.getByRole('row', { name: /crackerjack-run/ })).toContainText(/1\s*0%\s*1\s*0\s*0/)
})
