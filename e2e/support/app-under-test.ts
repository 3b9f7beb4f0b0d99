import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { _electron, test as base, type Page } from '@playwright/test'
import { startAppServer } from './app-server'

/**
 * Which app the specs drive: the served app in Chromium (here and by default), or the packaged desktop app
 * through Playwright's `_electron.launch` (.github/workflows/desktop.yml sets SESSION_BUDDY_E2E_APP=electron
 * and SESSION_BUDDY_E2E_ELECTRON to the packaged executable). The same specs run against both.
 */
export const APP_KIND: 'served' | 'electron' = process.env.SESSION_BUDDY_E2E_APP === 'electron' ? 'electron' : 'served'

export interface AppUnderTest {
  kind: typeof APP_KIND
  page: Page
  dataDir: string
  /** Opens a page of the app by its hash route, e.g. '#/projects' ('' for the start page). */
  goto(route: string): Promise<void>
  stop(): Promise<void>
}

export interface OpenOptions {
  claudeConfigDir?: string
  dataDir?: string
  /** HOME for the app (where it looks for ~/.claude and projects on first run). */
  home?: string
}

/** Opens the app on a fresh data folder: `serve` plus the browser page, or the desktop app's window. */
export async function openApp(browserPage: Page, options: OpenOptions = {}): Promise<AppUnderTest> {
  if (APP_KIND === 'served') {
    const server = await startAppServer(options)
    await browserPage.goto(server.url)
    return { kind: 'served', page: browserPage, dataDir: server.dataDir, goto: async (route) => void (await browserPage.goto(server.url + route)), stop: () => server.stop() }
  }
  const executablePath = process.env.SESSION_BUDDY_E2E_ELECTRON
  if (!executablePath) throw new Error('SESSION_BUDDY_E2E_ELECTRON must name the packaged app when SESSION_BUDDY_E2E_APP=electron')
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'session-buddy-e2e-'))
  const app = await _electron.launch({
    executablePath,
    env: {
      ...process.env,
      SESSION_BUDDY_HOME: dataDir,
      CLAUDE_CONFIG_DIR: options.claudeConfigDir ?? path.join(dataDir, 'claude-config'),
      ...(options.home ? { HOME: options.home } : {}),
    },
  })
  const page = await app.firstWindow()
  return {
    kind: 'electron',
    page,
    dataDir,
    goto: async (route) => {
      await page.evaluate((hash) => (location.hash = hash), route || '#/')
    },
    stop: async () => {
      await app.close()
      fs.rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

/** `test` with an `app` fixture: the app under test on a fresh data folder, stopped after the test. */
export const test = base.extend<{ app: AppUnderTest }>({
  app: async ({ page }, use) => {
    const app = await openApp(page)
    await use(app)
    await app.stop()
  },
})

/** For specs about the served app's own transport (its token, its HTTP errors): skipped against the desktop app. */
export function servedOnly(reason: string): void {
  base.skip(APP_KIND === 'electron', reason)
}
