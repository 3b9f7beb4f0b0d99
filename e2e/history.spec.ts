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
let project: string

/** Three sessions of one project as Claude Code writes them: replies with their tokens, tool calls, a skill. */
function writeSessions(claude: string) {
  const folder = path.join(claude, 'projects', project.replace(/[^a-zA-Z0-9]/g, '-'))
  fs.mkdirSync(folder, { recursive: true })
  const start = Date.now() - 3 * 3_600_000
  const checkout = new TranscriptLines(project, 'sess-checkout', start)
    .prompt(0, 'make the checkout tests pass')
    .reply(1, 'I will run the tests first.', { input: 2_000, output: 800, cacheRead: 40_000 })
    .skill(2, 'toolu_skill', 'crackerjack-run')
    .bash(4, 'toolu_red', 'npm test -- checkout', false)
    .tool(8, 'toolu_read', 'Read', { file_path: 'src/checkout/total.ts' })
    .result(9, 'toolu_read', 'export function total(items) { return items.reduce((s, i) => s + i.price, 0) }')
    .bash(12, 'toolu_green', 'npm test -- checkout', true)
    .reply(20, 'The discount rounding bug is fixed and the checkout tests pass.', { input: 3_000, output: 1_500, cacheRead: 60_000 })
    .turnEnd(21)
  for (let i = 0; i < 120; i++) checkout.reply(30 + i, `Note ${i}: nothing else to change.`, { input: 10, output: 10 })
  const small = new TranscriptLines(project, 'sess-small', start + 3_600_000).prompt(0, 'fix the typo in the README').reply(2, 'Fixed the typo.', { input: 500, output: 100 }, 'claude-haiku-4-5-20251001')
  const none = new TranscriptLines(project, 'sess-none', start + 7_200_000).prompt(0, 'hello').text(1, 'Hi.')
  for (const [name, lines] of [['sess-checkout', checkout], ['sess-small', small], ['sess-none', none]] as const) fs.writeFileSync(path.join(folder, `${name}.jsonl`), `${lines}\n`)
}

test.beforeEach(async ({ page }) => {
  root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'session-buddy-e2e-history-')))
  project = path.join(root, 'webshop')
  fs.mkdirSync(project)
  fs.writeFileSync(path.join(project, 'package.json'), '{}')
  const claude = path.join(root, 'claude')
  writeSessions(claude)
  server = await openApp(page, { claudeConfigDir: claude })
  const env = { ...process.env, SESSION_BUDDY_HOME: server.dataDir, CLAUDE_CONFIG_DIR: claude }
  execFileSync(process.execPath, [path.join(ROOT, 'bin', 'session-buddy.js'), 'projects', 'add', project], { env })
  try {
    execFileSync(process.execPath, [path.join(ROOT, 'bin', 'session-buddy.js'), 'import', 'claude-code'], { env, stdio: 'pipe' })
  } catch (error) {
    throw new Error(`import failed: ${String((error as { stderr?: Buffer }).stderr)}`, { cause: error })
  }
})
test.afterEach(async () => {
  await server.stop()
  fs.rmSync(root, { recursive: true, force: true })
})

test('sessions sorted by cost; a session’s conversation read from its transcript; a tool mark opens its call', async () => {
  const { page } = server
  await server.goto('#/sessions')
  const rows = page.getByRole('list', { name: 'Sessions' }).getByRole('listitem')
  await expect(rows).toHaveCount(3)
  await expect(rows.first()).toContainText('no token data')
  await page.getByLabel('Sort by').selectOption('cost')
  // 6,200 input, 3,500 output and 100,000 cache-read tokens of claude-opus-4-6 at $5, $25 and $0.50 per million.
  await expect(rows.nth(0)).toContainText('$0.17')
  await expect(rows.nth(0)).toContainText('109.7K tokens')
  await expect(rows.nth(2)).toContainText('no token data')
  await page.screenshot({ path: screenshotPath('sessions-by-cost'), fullPage: true })

  await rows.nth(0).getByRole('link').click()
  await expect(page.getByRole('heading', { name: /^Session /, level: 1 })).toBeVisible()
  await expect(page.getByRole('table', { name: 'Tokens and cost per model' })).toContainText('claude-opus-4-6')
  await expect(page.getByRole('table', { name: 'Tools used in this session' }).getByRole('row', { name: /Bash/ })).toContainText(/Bash\s*2\s*1 \(50%\)/)

  const conversation = page.getByRole('feed', { name: 'Conversation' })
  await expect(conversation).toContainText('make the checkout tests pass')
  await expect(conversation).toContainText('I will run the tests first.')
  await expect(conversation).toContainText('Skill crackerjack-run')

  // The failing test run on the timeline's tools lane opens that call in the conversation, unfolded.
  await page.getByRole('img', { name: /^Bash: error/ }).click()
  const call = conversation.locator('details[data-tool-use-id="toolu_red"]')
  await expect(call).toHaveAttribute('open', '')
  await expect(call).toContainText('npm test -- checkout')
  await expect(call).toContainText('Exit code 1')
  await page.screenshot({ path: screenshotPath('session-conversation'), fullPage: true })
  // Opened at the call, the lines before it are one click away.
  await page.getByRole('button', { name: 'Show earlier messages' }).click()
  await expect(conversation).toContainText('make the checkout tests pass')
  await expect(page.getByRole('button', { name: 'Show earlier messages' })).toHaveCount(0)

  // Scrolling reads further pages of the transcript.
  const scrolledToEnd = async () => {
    await conversation.evaluate((el) => (el.scrollTop = el.scrollHeight))
    return conversation.textContent()
  }
  await expect.poll(scrolledToEnd, { timeout: 10_000 }).toContain('Note 119: nothing else to change.')
})

test('a phrase found across sessions’ conversations opens the session at that moment', async () => {
  const { page } = server
  await server.goto('#/sessions')
  await page.getByText('Find text in conversations').click()
  await page.getByRole('textbox', { name: 'Find in conversations' }).fill('DISCOUNT rounding')
  await page.getByRole('button', { name: 'Find', exact: true }).click()
  await expect(page.getByRole('status').filter({ hasText: /match/ })).toContainText('1 match in 1 session')
  const hits = page.getByRole('list', { name: 'Conversations containing “DISCOUNT rounding”' })
  await expect(hits).toContainText('The discount rounding bug is fixed')
  await page.screenshot({ path: screenshotPath('sessions-find'), fullPage: true })
  await hits.getByRole('link').first().click()
  const focused = page.getByRole('feed', { name: 'Conversation' }).locator('.message-focus')
  await expect(focused).toContainText('The discount rounding bug is fixed and the checkout tests pass.')
})

test('what each project, skill and tool costs on Insights and Skills; a failed call one click from its session', async () => {
  const { page } = server
  await server.goto('#/insights')
  await page.getByLabel('Window', { exact: true }).selectOption({ label: 'All time' })
  await page.getByRole('navigation', { name: 'Sections of this page' }).getByRole('button', { name: 'Tokens and cost' }).click()
  await expect(page.getByRole('table', { name: 'Cost per project' }).getByRole('row', { name: /webshop/ })).toContainText('$0.17')
  await expect(page.getByRole('table', { name: 'Cost per skill' }).getByRole('row', { name: /crackerjack-run/ })).toContainText('1')
  await expect(page.getByRole('table', { name: 'Tools across included projects' }).getByRole('row', { name: /Bash/ })).toContainText(/Bash\s*2\s*1 \(50%\)/)
  await page.screenshot({ path: screenshotPath('insights-cost-tools'), fullPage: true })
  await page.getByLabel('Failed calls of').selectOption({ label: 'Bash (1)' })
  await page.getByRole('list', { name: 'Failed calls of Bash' }).getByRole('link').click()
  await expect(page.getByRole('feed', { name: 'Conversation' }).locator('details[data-tool-use-id="toolu_red"]')).toHaveAttribute('open', '')

  await server.goto('#/skills')
  await expect(page.getByRole('table', { name: 'Skill metrics' }).getByRole('columnheader', { name: /Cost \/ run/ })).toBeVisible()
})
