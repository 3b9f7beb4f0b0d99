import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { expect, test } from '@playwright/test'
import { connectMcp } from '../src/main/test-support/mcp-client'
import { ROOT, screenshotPath, startAppServer, type AppServer } from './support/app-server'

let server: AppServer
let project: string

test.beforeEach(async () => {
  server = await startAppServer()
  project = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'session-buddy-e2e-mcp-')))
  fs.writeFileSync(path.join(project, 'package.json'), '{}')
  execFileSync(process.execPath, [path.join(ROOT, 'bin', 'session-buddy.js'), 'projects', 'add', project], { env: { ...process.env, SESSION_BUDDY_HOME: server.dataDir } })
})
test.afterEach(async () => {
  await server.stop()
  fs.rmSync(project, { recursive: true, force: true })
})

test('an invocation tracked by the assistant over MCP shows up live in the app', async ({ page }) => {
  await page.goto(server.url + '#/skills')
  await expect(page.getByText('No skill invocations yet')).toBeVisible()

  const mcp = await connectMcp({ dataDir: server.dataDir, cwd: project, env: { CLAUDE_CONFIG_DIR: path.join(server.dataDir, 'claude-config') } })
  try {
    const tracked = await mcp.call('track_invocation', { skill: 'release-notes', session_id: 'mcp-e2e' })
    const { invocation_id } = tracked.structuredContent as { invocation_id: string }
    await mcp.call('complete_invocation', { invocation_id, completed: true, duration_ms: 2500 })
  } finally {
    await mcp.close()
  }

  const row = page.getByRole('table', { name: 'Skill metrics' }).getByRole('row', { name: /release-notes/ })
  await expect(row).toBeVisible()
  // Uses 1, completed 100%.
  await expect(row.getByRole('cell').nth(1)).toHaveText('1')
  await expect(row.getByRole('cell').nth(2)).toHaveText('100%')
  await page.screenshot({ path: screenshotPath('skills-after-mcp') })
})
