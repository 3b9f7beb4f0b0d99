import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { expect, test } from '@playwright/test'
import { claudeTranscript } from '../src/main/test-support/claude-transcript'
import { screenshotPath, startAppServer } from './support/app-server'

/** A home folder with three projects Claude Code worked in, and its transcripts where Claude Code keeps them. */
function homeWithClaudeHistory() {
  const home = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'session-buddy-e2e-home-')))
  const claude = path.join(home, '.claude')
  const folders = ['api-service', 'web-app', 'scratch'].map((name) => {
    const folder = path.join(home, 'code', name)
    fs.mkdirSync(folder, { recursive: true })
    const transcripts = path.join(claude, 'projects', folder.replaceAll(path.sep, '-'))
    fs.mkdirSync(transcripts, { recursive: true })
    fs.writeFileSync(path.join(transcripts, `${name}-1.jsonl`), `${claudeTranscript(folder, `${name}-1`).replaceAll('toolu_', `toolu_${name}_`).replaceAll('"uuid":"', `"uuid":"${name}-`)}\n`)
    return folder
  })
  return { home, claude, folders }
}

test('first run: detected folders, consent for exactly those, one button to track and import, then the Skills page', async ({ page }) => {
  const { home, claude, folders } = homeWithClaudeHistory()
  const server = await startAppServer({ claudeConfigDir: claude, home })
  try {
    await page.goto(server.url)
    await expect(page.getByRole('heading', { name: 'Welcome to Session Buddy', level: 1 })).toBeVisible()
    const detected = page.getByRole('list', { name: 'Folders Claude Code worked in' })
    await expect(detected.getByRole('listitem')).toHaveCount(3)
    await expect(detected).toContainText(folders[0]!)
    await expect(detected.getByRole('listitem').first()).toContainText('1 session')

    // The path field completes from folders under the home folder.
    await page.getByLabel('Another project folder').fill(path.join(home, 'code', 'w'))
    await expect(page.locator('datalist option')).toHaveAttribute('value', folders[1]!)
    await page.getByLabel('Another project folder').fill('')

    await page.getByLabel(new RegExp(`api-service`)).check()
    await page.getByLabel(new RegExp(`web-app`)).check()
    for (const folder of folders.slice(0, 2)) {
      await expect(page.getByRole('list', { name: `Paths Session Buddy will read in ${path.basename(folder)}` })).toContainText(path.join(folder, '.session-buddy', 'events'))
    }
    await expect(page.getByRole('list', { name: /Paths Session Buddy will read in scratch/ })).toHaveCount(0)
    await page.screenshot({ path: screenshotPath('first-run'), fullPage: true })

    await page.getByRole('button', { name: 'Track and import these 2 projects' }).click()
    const report = page.getByRole('status', { name: 'claude-code import report' })
    await expect(report).toContainText('Claude Code history imported')
    await expect(page.getByRole('status', { name: 'Tracked projects' })).toContainText('Tracking 2 projects: 4 skill invocations in 2 sessions so far')
    // What was passed over is said in plain words, with the folder it came from.
    await expect(report).toContainText(/\d+ lines belong to folders you have not registered/)
    await report.getByText('See which').click()
    await expect(report).toContainText(folders[2]!)

    // The optional hooks: the exact change to the project's settings first, then one click writes it.
    const hooks = page.getByRole('group', { name: 'Claude Code hooks for api-service' })
    await expect(hooks).toContainText('no hooks')
    await hooks.getByRole('button', { name: 'Preview the change' }).click()
    const settings = path.join(folders[0]!, '.claude', 'settings.json')
    const diff = hooks.getByLabel(`Change to ${settings}`)
    await expect(diff).toContainText('+   "hooks": {')
    await expect(diff).toContainText('"matcher": "Skill"')
    expect(fs.existsSync(settings)).toBe(false)
    await hooks.getByRole('button', { name: 'Install the hooks' }).click()
    await expect(hooks.getByRole('status')).toContainText(`Hooks installed in ${settings}`)
    await expect(hooks).toContainText('hooks installed')
    const written = JSON.parse(fs.readFileSync(settings, 'utf8')) as { hooks: Record<string, unknown> }
    expect(Object.keys(written.hooks).sort()).toEqual(['PostToolUse', 'PreToolUse', 'SessionEnd', 'SessionStart', 'UserPromptSubmit'])

    await page.getByRole('button', { name: 'See your skills' }).click()
    await expect(page.getByRole('heading', { name: 'Skills', level: 1 })).toBeVisible()
    await expect(page.getByRole('link', { name: 'crackerjack-run' })).toBeVisible()
    await expect(page.getByRole('link', { name: 'session-checkpoint' })).toBeVisible()

    // Registered now: the app opens on Sessions, and the first-run screen marks them as tracked.
    await page.goto(server.url)
    await expect(page.getByRole('heading', { name: 'Sessions', level: 1 })).toBeVisible()
    await page.goto(`${server.origin}/#/welcome`)
    await expect(detected.getByRole('listitem').filter({ hasText: 'already tracked' })).toHaveCount(2)
  } finally {
    await server.stop()
    fs.rmSync(home, { recursive: true, force: true })
  }
})
