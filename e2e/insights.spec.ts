import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { expect, test } from '@playwright/test'
import { ROOT, screenshotPath, startAppServer, type AppServer } from './support/app-server'

let server: AppServer
let root: string

test.beforeEach(async () => {
  server = await startAppServer()
  root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'session-buddy-e2e-insights-')))
})
test.afterEach(async () => {
  await server.stop()
  fs.rmSync(root, { recursive: true, force: true })
})

const cli = (cwd: string, ...args: string[]) =>
  execFileSync(process.execPath, [path.join(ROOT, 'bin', 'session-buddy.js'), ...args], { cwd, env: { ...process.env, SESSION_BUDDY_HOME: server.dataDir }, encoding: 'utf8' })

/** A project folder with sessions of skills, written through the real CLI. */
function projectWith(name: string, sessions: Array<Array<[skill: string, outcome: 'completed' | 'failed']>>): string {
  const dir = path.join(root, name)
  fs.mkdirSync(dir)
  fs.writeFileSync(path.join(dir, 'package.json'), '{}')
  cli(dir, 'projects', 'add', dir)
  sessions.forEach((steps, s) =>
    steps.forEach(([skill, outcome], i) => {
      const id = `${name}-${s}-${i}`
      cli(dir, 'emit', 'skill.invoked', '--session', `${name}-s${s}`, '--skill', skill, '--invocation', id)
      cli(dir, 'emit', `skill.${outcome}`, '--session', `${name}-s${s}`, '--skill', skill, '--invocation', id, '--duration-ms', '1200', ...(outcome === 'failed' ? ['--error-type', 'tool_error'] : []))
    }),
  )
  return dir
}

test('insights follow the include switch, and an exported HTML report opens on its own', async ({ page, context }) => {
  const consoleErrors: string[] = []
  page.on('console', (message) => message.type() === 'error' && consoleErrors.push(message.text()))
  projectWith('webshop', [
    [['lint', 'completed'], ['test', 'completed']],
    [['lint', 'completed'], ['test', 'completed']],
    [['lint', 'completed'], ['test', 'failed']],
  ])
  projectWith('billing', Array.from({ length: 5 }, () => [['deploy', 'failed']]))

  await page.goto(server.url + '#/insights')
  await page.getByLabel('Window', { exact: true }).selectOption({ label: 'All time' })
  await expect(page.getByRole('status').filter({ hasText: '2 projects included' })).toBeVisible()
  const skills = page.getByRole('table', { name: 'Effectiveness per skill' })
  await expect(skills.getByRole('link', { name: 'deploy' })).toBeVisible()
  // test completes 2 of 3 times after lint and 2 of 3 overall: lift 1, so common, not effective.
  await expect(page.getByRole('table', { name: 'Common sequences' }).getByRole('row', { name: /lint → test/ })).toContainText('2 of 3')
  await page.screenshot({ path: screenshotPath('insights'), fullPage: true })

  // The section nav jumps to one list of recommendations, each with its evidence one click away.
  await page.getByRole('navigation', { name: 'Sections of this page' }).getByRole('button', { name: 'Recommendations' }).click()
  await expect(page.getByRole('heading', { name: 'Recommendations', level: 2 })).toBeFocused()
  const advice = page.getByRole('list', { name: 'Recommendations' }).getByRole('listitem')
  await expect(advice).toHaveCount(1)
  await expect(advice.first()).toContainText('Often fails')
  await expect(advice.first()).toContainText('Review deploy: it fails or is abandoned in 100% of its runs')
  await expect(advice.first()).toContainText('Failed 5 times in 5 runs with a known outcome.')
  await advice.first().getByRole('link', { name: 'See the sessions' }).click()
  await expect(page.getByRole('heading', { name: 'Sessions', level: 1 })).toBeVisible()
  await expect(page.getByRole('status').filter({ hasText: '5 sessions' })).toBeVisible()
  await page.goto(server.url + '#/insights')
  await page.getByLabel('Window', { exact: true }).selectOption({ label: 'All time' })

  // Leave billing out of insights on the Projects page.
  await page.goto(server.url + '#/projects')
  await page.getByLabel('Include billing in insights').uncheck()
  await page.goto(server.url + '#/insights')
  await page.getByLabel('Window', { exact: true }).selectOption({ label: 'All time' })
  await expect(page.getByRole('status').filter({ hasText: '1 project included, 1 left out' })).toBeVisible()
  await expect(skills.getByRole('link', { name: 'deploy' })).toHaveCount(0)

  // A number leads to the sessions behind it.
  await skills.getByRole('row', { name: /^test/ }).getByRole('link', { name: /^1 / }).click()
  await expect(page.getByRole('heading', { name: 'Sessions', level: 1 })).toBeVisible()
  await expect(page.getByRole('status').filter({ hasText: '1 session' })).toBeVisible()

  // Each skill has its own page.
  await page.goto(server.url + '#/insights')
  await page.getByLabel('Window', { exact: true }).selectOption({ label: 'All time' })
  await skills.getByRole('link', { name: 'lint', exact: true }).click()
  await expect(page.getByRole('heading', { name: 'lint', level: 1 })).toBeVisible()
  await expect(page.getByLabel('Effectiveness')).toContainText('Uses3')
  await expect(page.getByRole('list', { name: 'Recent sessions' }).getByRole('listitem')).toHaveCount(3)
  await page.screenshot({ path: screenshotPath('skill'), fullPage: true })

  // Export the report as HTML and open the file in Chromium.
  await page.goto(server.url + '#/reports')
  await page.getByLabel('Window', { exact: true }).selectOption({ label: 'All time' })
  const preview = page.frameLocator('iframe[title="Report preview"]')
  await expect(preview.getByRole('heading', { name: 'Session Buddy insights' })).toBeVisible()
  await expect(preview.getByText('Projects appear under stable pseudonyms.', { exact: false })).toBeVisible()
  // Styled exactly as the exported file, though the page's CSP (not relaxed) refuses inline styles.
  await expect(preview.locator('body')).toHaveCSS('max-width', '980px')
  await expect(preview.locator('h2').first()).toHaveCSS('border-bottom-style', 'solid')
  expect(consoleErrors.filter((e) => /Content Security Policy/i.test(e))).toEqual([])
  await page.screenshot({ path: screenshotPath('reports'), fullPage: true })
  const downloading = page.waitForEvent('download')
  await page.getByRole('button', { name: 'Export HTML' }).click()
  const download = await downloading
  const file = path.join(root, download.suggestedFilename())
  await download.saveAs(file)
  const html = fs.readFileSync(file, 'utf8')
  expect(html).not.toContain('webshop')
  expect(html).not.toContain(root)

  const opened = await context.newPage()
  await opened.goto(`file://${file}`)
  await expect(opened.getByRole('heading', { name: 'Session Buddy insights', level: 1 })).toBeVisible()
  await expect(opened.locator('svg')).toHaveCount(3)
  await expect(opened.getByRole('row', { name: /^lint small sample 3 100%/ })).toBeVisible()
  await opened.screenshot({ path: screenshotPath('report-html'), fullPage: true })
})
