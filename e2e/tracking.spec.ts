import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { expect, test } from '@playwright/test'
import { ROOT, screenshotPath } from './support/app-server'
import { openApp, type AppUnderTest } from './support/app-under-test'

let server: AppUnderTest
let project: string

test.beforeEach(async ({ page }) => {
  server = await openApp(page)
  project = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'session-buddy-e2e-tracked-')))
  fs.writeFileSync(path.join(project, 'package.json'), '{}')
})
test.afterEach(async () => {
  await server.stop()
  fs.rmSync(project, { recursive: true, force: true })
})

const cli = (...args: string[]) =>
  execFileSync(process.execPath, [path.join(ROOT, 'bin', 'session-buddy.js'), ...args], {
    cwd: project,
    env: { ...process.env, SESSION_BUDDY_HOME: server.dataDir, SESSION_BUDDY_SESSION_ID: 'e2e-session' },
    encoding: 'utf8',
  })

async function registerThroughUi(page: import('@playwright/test').Page) {
  await server.goto('#/projects')
  await page.getByLabel('Project folder').fill(project)
  await page.getByRole('button', { name: 'Check folder' }).click()
  await page.getByRole('button', { name: 'Register project' }).click()
  await expect(page.getByTestId('project-row')).toHaveCount(1)
}

test('events appended to a tracked project appear live on the Skills page, sortable', async () => {
  const { page } = server
  await registerThroughUi(page)
  await page.keyboard.press('Alt+Digit2')
  await expect(page.getByText('No skill invocations yet')).toBeVisible()

  cli('emit', 'skill.invoked', '--skill', 'crackerjack-run', '--invocation', 'a', '--workflow-path', 'quick')
  cli('emit', 'skill.completed', '--skill', 'crackerjack-run', '--invocation', 'a', '--duration-ms', '4200')
  cli('emit', 'skill.invoked', '--skill', 'session-checkpoint', '--invocation', 'b')
  cli('emit', 'skill.failed', '--skill', 'session-checkpoint', '--invocation', 'b', '--error-type', 'TimeoutError')
  cli('emit', 'skill.invoked', '--skill', 'session-checkpoint', '--invocation', 'c')
  cli('emit', 'skill.completed', '--skill', 'session-checkpoint', '--invocation', 'c', '--duration-ms', '900')

  const table = page.getByRole('table', { name: 'Skill metrics' })
  const firstCells = table.locator('tbody tr td:first-child')
  await expect(firstCells).toHaveText(['session-checkpoint', 'crackerjack-run'])
  await expect(table.locator('tbody tr').first()).toContainText('TimeoutError ×1')
  await expect(table.locator('tbody tr').first()).toContainText('50%')
  await page.screenshot({ path: screenshotPath('skills'), fullPage: true })

  await table.getByRole('button', { name: 'Skill' }).click()
  await expect(firstCells).toHaveText(['crackerjack-run', 'session-checkpoint'])
  await expect(table.getByRole('columnheader', { name: /Skill/ })).toHaveAttribute('aria-sort', 'ascending')
})

test('a malformed event line is shown with its file and line, and imports report from the Projects page', async () => {
  const { page } = server
  await registerThroughUi(page)
  cli('emit', 'session.started')
  const eventsDir = path.join(project, '.session-buddy', 'events')
  const file = path.join(eventsDir, fs.readdirSync(eventsDir)[0]!)
  fs.appendFileSync(file, '{"v":1,"type":"skill.invoked"\n')
  await expect(page.getByText(`${file}:2`)).toBeVisible()
  await expect(page.getByRole('link', { name: /Projects/ }).locator('.badge')).toHaveText('1')

  fs.writeFileSync(
    path.join(project, '.session-buddy', 'skill_metrics.json'),
    JSON.stringify({
      invocations: [{ skill_name: 'crackerjack-run', invoked_at: '2026-01-10T09:00:00', workflow_path: 'quick', completed: true, duration_seconds: 3, follow_up_actions: [], error_type: null }],
      skills: { 'crackerjack-run': { total_invocations: 1, completed_invocations: 1 } },
    }),
  )
  await page.getByRole('button', { name: 'Import legacy files' }).click()
  const report = page.getByRole('status', { name: 'legacy import report' })
  await expect(report).toContainText('1 new skill invocations')
  await expect(report).toContainText('totals match its summary')
  await page.screenshot({ path: screenshotPath('projects-import'), fullPage: true })
})
