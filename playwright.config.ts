import { defineConfig } from '@playwright/test'
import { CHROMIUM_OFFLINE_ARGS } from './src/main/system/chromium'

// Debian's Chromium: Playwright's own browser download cannot work offline. CHROMIUM_PATH='' uses
// Playwright's own (the desktop workflow on GitHub's runners installs it).
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

// Against the packaged desktop app (SESSION_BUDDY_E2E_APP=electron, e2e/support/app-under-test.ts), the specs
// written for either app run; the others drive the served app's own transport or launcher.
const DESKTOP_SPECS = [
  'shell.spec.ts',
  'settings.spec.ts',
  'projects.spec.ts',
  'sessions.spec.ts',
  'tracking.spec.ts',
  'outcomes.spec.ts',
  'coverage.spec.ts',
  'history.spec.ts',
  'keyboard.spec.ts',
]

export default defineConfig({
  testDir: 'e2e',
  testMatch: process.env.SESSION_BUDDY_E2E_APP === 'electron' ? DESKTOP_SPECS : undefined,
  outputDir: 'test-results/e2e',
  timeout: 60_000,
  workers: 1,
  reporter: [['list']],
  use: {
    headless: true,
    viewport: { width: 1440, height: 900 },
    launchOptions: {
      executablePath: CHROMIUM_PATH || undefined,
      args: [...CHROMIUM_OFFLINE_ARGS, '--no-sandbox'],
    },
    trace: 'retain-on-failure',
  },
})
