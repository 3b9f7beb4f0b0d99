import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { expect, test } from '@playwright/test'
import { ROOT, screenshotPath } from './support/app-server'
import { openApp, type AppUnderTest } from './support/app-under-test'

let server: AppUnderTest
let project: string

const T0 = Date.parse('2026-11-20T09:00:00.000Z')
const at = (seconds: number) => new Date(T0 + seconds * 1000).toISOString()

/** Appends events the way a runner would, through the real CLI. */
function emit(session: string, type: string, seconds: number, ...args: string[]) {
  const file = path.join(project, '.session-buddy', 'events', 'e2e.jsonl')
  fs.mkdirSync(path.dirname(file), { recursive: true })
  const out = execFileSync(process.execPath, [path.join(ROOT, 'bin', 'session-buddy.js'), 'emit', type, '--session', session, '--project', project, '--json', ...args], { encoding: 'utf8' })
  // Re-time the event: the CLI stamps "now"; the test needs a known timeline.
  const event = { ...JSON.parse(out), ts: at(seconds) }
  const written = path.join(project, '.session-buddy', 'events')
  for (const f of fs.readdirSync(written)) if (f !== 'e2e.jsonl') fs.rmSync(path.join(written, f))
  fs.appendFileSync(file, `${JSON.stringify(event)}\n`)
}

test.beforeEach(async ({ page }) => {
  server = await openApp(page)
  project = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'session-buddy-e2e-sessions-')))
  fs.writeFileSync(path.join(project, 'pyproject.toml'), '')
  execFileSync(process.execPath, [path.join(ROOT, 'bin', 'session-buddy.js'), 'projects', 'add', project], { env: { ...process.env, SESSION_BUDDY_HOME: server.dataDir } })
})
test.afterEach(async () => {
  await server.stop()
  fs.rmSync(project, { recursive: true, force: true })
})

test('find a session, read its timeline, hover a skill bar, export the report', async () => {
  const { page } = server
  // An automated session: a skill, then a workflow run with a failing node.
  emit('auto-1', 'session.started', 0, '--model', 'claude-opus-4-6')
  emit('auto-1', 'skill.invoked', 1, '--skill', 'crackerjack-run', '--invocation', 'a1', '--workflow-path', 'quick')
  emit('auto-1', 'skill.failed', 31, '--skill', 'crackerjack-run', '--invocation', 'a1', '--error-type', 'TypeError', '--follow-up', 'git stash')
  emit('auto-1', 'workflow.started', 33, '--run', 'r1', '--workflow', 'ci', '--name', 'CI')
  emit('auto-1', 'workflow.node.started', 33, '--run', 'r1', '--node', 'lint', '--name', 'Lint')
  emit('auto-1', 'workflow.node.completed', 40, '--run', 'r1', '--node', 'lint')
  emit('auto-1', 'workflow.node.started', 40, '--run', 'r1', '--node', 'test', '--name', 'Tests')
  emit('auto-1', 'workflow.node.failed', 55, '--run', 'r1', '--node', 'test', '--error', '2 tests failed')
  emit('auto-1', 'workflow.completed', 56, '--run', 'r1', '--status', 'failed')
  // An interactive one.
  emit('chat-2', 'skill.invoked', 3600, '--skill', 'brainstorming', '--invocation', 'b1')
  emit('chat-2', 'skill.completed', 3660, '--skill', 'brainstorming', '--invocation', 'b1')
  emit('chat-2', 'skill.invoked', 4000, '--skill', 'writing-plans', '--invocation', 'b2')
  emit('chat-2', 'skill.completed', 4100, '--skill', 'writing-plans', '--invocation', 'b2')

  await server.goto('')
  await expect(page.getByRole('heading', { name: 'Sessions', level: 1 })).toBeVisible()
  await expect(page.getByRole('status').filter({ hasText: /sessions?$/ })).toHaveText('2 sessions')
  await expect(page.getByLabel('Pattern')).toContainText('automated (1)')
  await page.screenshot({ path: screenshotPath('sessions'), fullPage: true })

  await page.getByLabel('Skill').selectOption('crackerjack-run')
  await expect(page.getByRole('status').filter({ hasText: /sessions?$/ })).toHaveText('1 session')
  const row = page.getByRole('list', { name: 'Sessions' }).getByRole('listitem')
  await expect(row).toHaveCount(1)
  await expect(row).toContainText('automated')
  await row.getByRole('link').click()

  const timeline = page.getByTestId('timeline')
  await expect(timeline).toBeVisible()
  const bar = page.getByRole('img', { name: /^crackerjack-run:/ })
  await bar.hover()
  const tooltip = page.getByRole('tooltip')
  await expect(tooltip).toContainText('crackerjack-run')
  await expect(tooltip).toContainText('failed (reported), 30.0 s')
  await expect(tooltip).toContainText('error: TypeError')
  await expect(tooltip).toContainText('follow-ups: git stash')
  // Keyboard focus shows the same details.
  await page.getByRole('img', { name: /^Tests:/ }).focus()
  await expect(tooltip).toContainText('error: 2 tests failed')
  await expect(page.getByRole('group', { name: 'Correlation summary' })).toContainText('Tests failed')
  // Beside the picture, the same session as a list in time order.
  await expect(page.getByRole('list', { name: 'What happened, in order' }).getByRole('listitem')).toHaveText([/Skill crackerjack-run · 30\.0 s · failed/, /Workflow CI · 23\.0 s · failed · 2 steps, failed: Tests/])
  await page.screenshot({ path: screenshotPath('session-timeline'), fullPage: true })

  // The desktop app asks where to save with the system's Save dialog, which Playwright cannot drive.
  if (server.kind === 'electron') return
  const download = page.waitForEvent('download')
  await page.getByRole('button', { name: 'Export report (Markdown)' }).click()
  const file = await download
  expect(file.suggestedFilename()).toBe('session-auto-1.md')
  const text = fs.readFileSync((await file.path())!, 'utf8')
  expect(text).toMatch(/^# Session auto-1/)
  expect(text).toContain('**Pattern: automated**')
})
