import { expect, test } from '@playwright/test'
import { openApp } from './support/app-under-test'
import { screenshotPath } from './support/app-server'
import { freePort } from '../src/main/test-support/free-port'

test('settings: pause tracking for an hour and resume, and choose the desktop behaviour, kept across a reload', async ({ page: browserPage }) => {
  const app = await openApp(browserPage)
  const { page } = app
  try {
    await page.keyboard.press('Alt+Digit8')
    await expect(page.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible()
    const status = page.getByRole('status').filter({ hasText: 'skill runs today' })
    await expect(status).toContainText('On: event logs and transcripts are read as they change. 0 skill runs today.')

    await page.getByRole('button', { name: 'Pause tracking for 1 hour' }).click()
    await expect(status).toContainText('Paused until')
    await expect(page.getByRole('button', { name: 'Resume tracking' })).toBeVisible()

    // The defaults: capture in the tray on, login and notifications off.
    const tray = page.getByLabel('Keep tracking in the tray when the window is closed')
    await expect(tray).toBeChecked()
    await expect(page.getByLabel('Open at login')).not.toBeChecked()
    const failures = page.getByLabel('Notify me when a skill fails 3 times in a row')
    await expect(failures).not.toBeChecked()
    await failures.check()
    await tray.uncheck()
    await expect(failures).toBeChecked()
    if (app.kind === 'served') await expect(page.getByText('these take effect in the desktop app')).toBeVisible()
    await page.screenshot({ path: screenshotPath('settings'), fullPage: true })

    await page.reload()
    await expect(page.getByLabel('Notify me when a skill fails 3 times in a row')).toBeChecked()
    await expect(page.getByLabel('Keep tracking in the tray when the window is closed')).not.toBeChecked()
    await expect(status).toContainText('Paused until')
    await page.getByRole('button', { name: 'Resume tracking' }).click()
    await expect(status).toContainText('On: event logs')

    // Team metrics: off by default; switched on, the endpoint says where it listens and where its token is.
    const prometheus = page.getByLabel('Serve a Prometheus endpoint')
    await expect(prometheus).not.toBeChecked()
    const port = await freePort()
    await page.getByLabel('Port', { exact: true }).fill(String(port))
    await page.getByLabel('Port', { exact: true }).press('Tab')
    await expect(page.getByText(`Off. When on: http://127.0.0.1:${port}/metrics`)).toBeVisible()
    await prometheus.check()
    await expect(page.getByText(`Listening: http://127.0.0.1:${port}/metrics`)).toBeVisible()
    await expect(page.getByText(/Bearer token in .*metrics-token/)).toBeVisible()
    await page.getByRole('heading', { name: 'Team metrics' }).scrollIntoViewIfNeeded()
    await page.screenshot({ path: screenshotPath('settings-team-metrics'), fullPage: true })
    await prometheus.uncheck()
    await expect(page.getByText(/^Off\. When on:/)).toBeVisible()
  } finally {
    await app.stop()
  }
})

