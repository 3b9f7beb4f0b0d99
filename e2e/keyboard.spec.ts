import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { expect, test, type Page } from '@playwright/test'
import { claudeTranscript } from '../src/main/test-support/claude-transcript'
import { openApp } from './support/app-under-test'

/** Presses Tab until the focused element's accessible name matches; returns how many presses it took. */
async function tabTo(page: Page, name: RegExp, limit = 40): Promise<number> {
  for (let presses = 1; presses <= limit; presses++) {
    await page.keyboard.press('Tab')
    const focused = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null
      return el ? (el.getAttribute('aria-label') || (el as HTMLInputElement).labels?.[0]?.textContent || el.textContent || '').trim() : ''
    })
    if (name.test(focused)) return presses
  }
  throw new Error(`${String(name)} was not reached in ${limit} Tab presses`)
}

const focusedHeading = (page: Page) => page.evaluate(() => (document.activeElement?.tagName === 'H1' ? document.activeElement.textContent : null))

test('keyboard only: register a project, its history imports, open a session, export its report', async ({ page: browserPage }) => {
  const home = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'session-buddy-e2e-keys-')))
  const folder = path.join(home, 'code', 'api')
  fs.mkdirSync(folder, { recursive: true })
  const transcripts = path.join(home, '.claude', 'projects', folder.replaceAll(path.sep, '-'))
  fs.mkdirSync(transcripts, { recursive: true })
  fs.writeFileSync(path.join(transcripts, 'api-1.jsonl'), `${claudeTranscript(folder, 'api-1')}\n`)
  const server = await openApp(browserPage, { claudeConfigDir: path.join(home, '.claude'), home })
  const { page } = server
  try {
    await server.goto('')
    await expect(page.getByRole('heading', { name: 'Welcome to Session Buddy', level: 1 })).toBeVisible()

    // Projects: type the folder, check it, register; the import of its history starts by itself.
    await page.keyboard.press('Alt+Digit5')
    await expect.poll(() => focusedHeading(page)).toBe('Projects')
    await tabTo(page, /^Project folder/)
    await page.keyboard.type(folder)
    await page.keyboard.press('Enter')
    await expect(page.getByRole('list', { name: 'Paths Session Buddy will read' })).toBeVisible()
    await tabTo(page, /^Register project$/)
    await page.keyboard.press('Enter')
    await expect(page.getByRole('status', { name: 'Registered project' })).toContainText('api registered: 2 skill invocations in 1 session so far')

    // Sessions: the heading takes focus, the skip link jumps over the filters to the first session.
    await page.keyboard.press('Alt+Digit1')
    await expect.poll(() => focusedHeading(page)).toBe('Sessions')
    expect(await tabTo(page, /^Skip the filters/)).toBeLessThanOrEqual(2)
    await page.keyboard.press('Enter')
    await expect(page.locator(':focus')).toHaveAttribute('aria-label', /^Session of /)
    await page.keyboard.press('Enter')
    await expect.poll(() => focusedHeading(page)).toMatch(/^Session /)

    // Export the session's report (the desktop app asks with the system's Save dialog, which Playwright cannot drive).
    await tabTo(page, /^Export report \(Markdown\)$/)
    if (server.kind === 'electron') return
    const download = page.waitForEvent('download')
    await page.keyboard.press('Enter')
    expect((await download).suggestedFilename()).toMatch(/\.md$/)
  } finally {
    await server.stop()
    fs.rmSync(home, { recursive: true, force: true })
  }
})
