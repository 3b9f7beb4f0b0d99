import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import AxeBuilder from '@axe-core/playwright'
import { expect, test, type Page } from '@playwright/test'
import { claudeTranscript } from '../src/main/test-support/claude-transcript'
import { ROOT, screenshotPath, startAppServer, type AppServer } from './support/app-server'

const PAGES: Array<{ path: string; heading: string | RegExp; name: string }> = [
  { path: '/welcome', heading: 'Welcome to Session Buddy', name: 'welcome' },
  { path: '/sessions', heading: 'Sessions', name: 'sessions' },
  { path: '/sessions/api-1', heading: /^Session /, name: 'session' },
  { path: '/skills', heading: 'Skills', name: 'skills' },
  { path: '/skills/crackerjack-run/all', heading: 'crackerjack-run', name: 'skill' },
  { path: '/search', heading: 'Search', name: 'search' },
  { path: '/insights', heading: 'Insights', name: 'insights' },
  { path: '/projects', heading: 'Projects', name: 'projects' },
  { path: '/reports', heading: 'Reports', name: 'reports' },
  { path: '/coverage', heading: 'Coverage', name: 'coverage' },
  { path: '/settings', heading: 'Settings', name: 'settings' },
]

let server: AppServer
let home: string

test.beforeAll(async () => {
  home = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'session-buddy-e2e-a11y-')))
  for (const name of ['api', 'web']) {
    const folder = path.join(home, 'code', name)
    fs.mkdirSync(folder, { recursive: true })
    const transcripts = path.join(home, '.claude', 'projects', folder.replaceAll(path.sep, '-'))
    fs.mkdirSync(transcripts, { recursive: true })
    fs.mkdirSync(path.join(folder, '.claude', 'skills', `${name}-fixer`), { recursive: true })
    fs.writeFileSync(path.join(folder, '.claude', 'skills', `${name}-fixer`, 'SKILL.md'), `---\nname: ${name}-fixer\ndescription: Fix type errors and failing tests in the ${name} code\n---\n\n# Fixer\n\nRun the type checker, then the tests.\n`)
    fs.writeFileSync(path.join(transcripts, `${name}-1.jsonl`), `${claudeTranscript(folder, `${name}-1`).replaceAll('toolu_', `toolu_${name}_`).replaceAll('"uuid":"', `"uuid":"${name}-`)}\n`)
  }
  server = await startAppServer({ claudeConfigDir: path.join(home, '.claude'), home })
  execFileSync(process.execPath, [path.join(ROOT, 'bin', 'session-buddy.js'), 'init', '--all', '--yes'], {
    env: { ...process.env, SESSION_BUDDY_HOME: server.dataDir, HOME: home, CLAUDE_CONFIG_DIR: path.join(home, '.claude') },
  })
})
test.afterAll(async () => {
  await server.stop()
  fs.rmSync(home, { recursive: true, force: true })
})

async function open(page: Page, target: (typeof PAGES)[number]) {
  await page.goto(`${server.origin}/#${target.path}`)
  await expect(page.getByRole('heading', { name: target.heading, level: 1 })).toBeVisible({ timeout: 15_000 })
  // Every query answered: no loading rows left.
  await expect(page.getByRole('status', { name: 'Loading' })).toHaveCount(0, { timeout: 15_000 })
}

for (const theme of ['light', 'dark'] as const) {
  test(`every page in the ${theme} theme, with data, has no serious or critical accessibility violation`, async ({ page }) => {
    test.setTimeout(180_000)
    await page.emulateMedia({ colorScheme: theme })
    await page.goto(server.url)
    await expect(page.getByRole('heading', { name: 'Sessions', level: 1 })).toBeVisible()
    const found: string[] = []
    for (const target of PAGES) {
      await open(page, target)
      // Legacy mode runs axe inside the page: its default opens a helper page, which Debian's Chromium refuses here.
      const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).setLegacyMode(true).analyze()
      for (const v of results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')) {
        found.push(`${target.name}: ${v.id} (${v.impact}) ×${v.nodes.length}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')} — ${v.nodes[0]?.failureSummary?.split('\n')[1] ?? ''}`)
      }
      for (const width of [1440, 390]) {
        await page.setViewportSize({ width, height: 900 })
        await page.screenshot({ path: screenshotPath(`${target.name}-${theme}-${width}`), fullPage: true })
      }
      await page.setViewportSize({ width: 1440, height: 900 })
    }
    expect(found, found.join('\n')).toEqual([])
  })
}

test('at 360 px wide no page scrolls sideways, the menu opens and leads to a page, and a search can be run', async ({ page }) => {
  test.setTimeout(120_000)
  await page.setViewportSize({ width: 360, height: 740 })
  await page.goto(server.url)
  // The start page sends a user with projects on to Sessions: let it, before going anywhere else.
  await expect(page.getByRole('heading', { name: 'Sessions', level: 1 })).toBeVisible()
  for (const target of PAGES) {
    await open(page, target)
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
    expect(overflow, `${target.name} is ${overflow}px wider than the window`).toBeLessThanOrEqual(0)
  }
  const menu = page.getByRole('button', { name: 'Menu' })
  await expect(page.getByRole('link', { name: /Skills/ })).toBeHidden()
  await menu.click()
  await expect(menu).toHaveAttribute('aria-expanded', 'true')
  await page.getByRole('link', { name: /Search/ }).click()
  await expect(page.getByRole('heading', { name: 'Search', level: 1 })).toBeVisible()
  await expect(page.getByRole('link', { name: /Skills/ })).toBeHidden()
  await page.getByRole('searchbox', { name: 'Request' }).fill('fix type errors')
  await page.getByRole('button', { name: 'Search', exact: true }).click()
  await expect(page.getByRole('list', { name: 'Ranked skills' }).getByRole('listitem').first()).toContainText('fixer')
  await page.screenshot({ path: screenshotPath('search-light-360'), fullPage: true })
})

test('coverage lists the skills that never ran and what in their files to fix', async ({ page }) => {
  await page.goto(server.url)
  await expect(page.getByRole('heading', { name: 'Sessions', level: 1 })).toBeVisible()
  await page.keyboard.press('Alt+Digit7')
  await expect(page.getByRole('heading', { name: 'Coverage', level: 1 })).toBeVisible()
  await expect(page.getByRole('list', { name: 'Skills that never ran' })).toContainText('api-fixer')
  const lint = page.getByRole('list', { name: 'Says what, not when' })
  await expect(lint.getByRole('listitem')).toHaveCount(2)
  await expect(lint.first()).toContainText('Suggestion: Add a sentence like "Use when …"')
  await page.screenshot({ path: screenshotPath('coverage'), fullPage: true })
})

test('the theme switch is kept in the settings and applies everywhere', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' })
  await page.goto(server.url)
  await page.getByLabel('Theme').selectOption('dark')
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark')
  // Another window (no cached choice) reads it from the settings.
  const other = await page.context().browser()!.newPage()
  try {
    await other.emulateMedia({ colorScheme: 'light' })
    await other.goto(server.url)
    await expect(other.locator('html')).toHaveAttribute('data-theme', 'dark')
    await expect(other.getByLabel('Theme')).toHaveValue('dark')
  } finally {
    await other.close()
  }
  await page.getByLabel('Theme').selectOption('system')
  await expect(page.locator('html')).not.toHaveAttribute('data-theme', /.+/)
})
