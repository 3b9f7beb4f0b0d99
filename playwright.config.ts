import { defineConfig } from '@playwright/test'
import { CHROMIUM_OFFLINE_ARGS } from './src/main/system/chromium'

// Debian's Chromium: Playwright's own browser download cannot work offline.
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results/e2e',
  timeout: 60_000,
  workers: 1,
  reporter: [['list']],
  use: {
    headless: true,
    viewport: { width: 1440, height: 900 },
    launchOptions: {
      executablePath: CHROMIUM_PATH,
      args: [...CHROMIUM_OFFLINE_ARGS, '--no-sandbox'],
    },
    trace: 'retain-on-failure',
  },
})
