import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { expect, test } from '@playwright/test'
import { writeSkillFixtures } from './fixtures/skills'
import { ROOT, screenshotPath, startAppServer, type AppServer } from './support/app-server'

let server: AppServer
let claudeConfigDir: string

test.beforeEach(async () => {
  claudeConfigDir = fs.mkdtempSync(path.join(os.tmpdir(), 'session-buddy-e2e-claude-'))
  writeSkillFixtures(claudeConfigDir)
  server = await startAppServer({ claudeConfigDir })
})
test.afterEach(async () => {
  await server.stop()
  fs.rmSync(claudeConfigDir, { recursive: true, force: true })
})

test('a typed request shows the expected skill first, with its score breakdown', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.origin })
  await page.goto(server.url + '#/search')
  await expect(page.getByRole('heading', { name: 'Search', level: 1 })).toBeVisible()
  // The catalogue is read and embedded in the background; the status line says when meaning joins in.
  await expect(page.getByText(/4\s+skills and\s+2\s+commands/)).toBeVisible()
  await expect(page.getByText('matching wording, word parts and meaning (use-lite-512)')).toBeVisible({ timeout: 30_000 })

  const request = page.getByRole('searchbox')
  await expect(request).toBeFocused()
  await request.fill("my tests keep failing and I can't see why")
  await request.press('Enter')

  const results = page.getByRole('list', { name: 'Ranked skills' }).getByRole('listitem').filter({ has: page.getByRole('heading') })
  await expect(results.first().getByRole('heading')).toContainText('systematic-debugging')
  await expect(page.getByRole('status').filter({ hasText: 'wording, word parts and meaning' })).toBeVisible()
  await expect(page.getByTestId('no-clear-match')).toBeHidden()
  const first = results.first()
  await expect(first.locator('.score-segment')).toHaveCount(3)
  // Compact: the breakdown opens on demand.
  const why = first.getByText('no tracked run with a known outcome yet: neutral effectiveness')
  await expect(why).toBeHidden()
  await first.getByText('Why this score').click()
  await expect(first.getByText('Relevance', { exact: false }).first()).toBeVisible()
  await expect(why).toBeVisible()

  await first.getByRole('button', { name: 'Copy invocation' }).click()
  await expect(first.getByRole('button', { name: 'Copied' })).toBeVisible()
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('/systematic-debugging')

  await page.screenshot({ path: screenshotPath('search') })

  // Opening a file needs a desktop to open it on; here the server has opening switched off and says so.
  await first.getByRole('button', { name: 'Open file' }).click()
  const fallback = first.getByRole('alert')
  await expect(fallback).toContainText('Session Buddy cannot open files on this machine')
  await fallback.getByRole('button', { name: 'Copy path' }).click()
  expect(await page.evaluate(() => navigator.clipboard.readText())).toMatch(/systematic-debugging[/\\]SKILL\.md$/)

  // A paraphrase sharing no words with the skill, and a deprecated command kept low.
  await request.fill('I am going round in circles')
  await expect(results.first().getByRole('heading')).toContainText('when-stuck')

  // A request no skill fits: the closest are shown, under a plain "no skill clearly fits".
  await request.fill('what will the weather be like in Lisbon tomorrow?')
  await expect(page.getByRole('status').filter({ hasText: 'for “what will the weather be like in Lisbon tomorrow?”' })).toBeVisible()
  await expect(page.getByTestId('no-clear-match')).toHaveText('No skill clearly fits this request. Closest:')
  await page.screenshot({ path: screenshotPath('search-no-clear-match') })
})

test('a thumbs-down is counted, and a tracked run of the first result shows as accepted at rank 1', async ({ page }) => {
  const project = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'session-buddy-e2e-follow-')))
  const cli = (...args: string[]) =>
    execFileSync(process.execPath, [path.join(ROOT, 'bin', 'session-buddy.js'), ...args], { cwd: project, env: { ...process.env, SESSION_BUDDY_HOME: server.dataDir }, encoding: 'utf8' })
  cli('projects', 'add', project)
  try {
    await page.goto(server.url + '#/search')
    await expect(page.getByText('matching wording, word parts and meaning (use-lite-512)')).toBeVisible({ timeout: 30_000 })
    const request = page.getByRole('searchbox')
    await request.fill("my tests keep failing and I can't see why")
    await request.press('Enter')
    const first = page.getByRole('list', { name: 'Ranked skills' }).getByRole('listitem').filter({ has: page.getByRole('heading') }).first()
    await expect(first.getByRole('heading')).toContainText('systematic-debugging')

    const health = page.getByRole('region', { name: /How search is doing/ })
    await first.getByRole('button', { name: 'Not helpful' }).click()
    await expect(first.getByRole('button', { name: 'Not helpful' })).toHaveAttribute('aria-pressed', 'true')
    await expect(health.getByTestId('follow-through')).toContainText('1 recommended')
    await expect(health.getByTestId('follow-through')).toContainText('not helpful 1')

    // The user goes on to run the first result: tracked through the real CLI, ingested by the app's watcher.
    cli('emit', 'skill.invoked', '--session', 'follow-1', '--skill', 'systematic-debugging', '--invocation', 'f1')
    cli('emit', 'skill.completed', '--session', 'follow-1', '--skill', 'systematic-debugging', '--invocation', 'f1', '--duration-ms', '4000')
    await expect(health.getByTestId('follow-through')).toContainText('accepted at #1 1 of 1 (100%)', { timeout: 15_000 })
    await expect(health.getByTestId('follow-through')).toContainText('completed after following 1 of 1 (100%)')
    await page.screenshot({ path: screenshotPath('search-follow-through') })
  } finally {
    fs.rmSync(project, { recursive: true, force: true })
  }
})
