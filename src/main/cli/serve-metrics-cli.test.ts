import { spawn } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { seedInsightsDataset } from '../test-support/insights-dataset'
import { openDatabase } from '../storage/database'
import { CLI_BIN, runCli } from '../test-support/run-cli'
import { tempDir } from '../test-support/temp-dir'
import { freePort } from '../test-support/free-port'


describe('session-buddy serve --metrics-port', () => {
  it('serves the team metrics (computed in the built worker thread) with the token from the data folder, and refuses without it', async () => {
    const data = tempDir()
    const database = await openDatabase(path.join(data, 'session-buddy.sqlite'))
    seedInsightsDataset(database.sqlite, path.join(tempDir(), 'projects'))
    await database.close()
    const port = await freePort()
    const child = spawn(process.execPath, [CLI_BIN, '--data-dir', data, 'serve', '--json', '--max-lifetime', '60', '--metrics-port', String(port)], {
      env: { ...process.env, SESSION_BUDDY_NO_OPEN: '1', CLAUDE_CONFIG_DIR: path.join(data, 'claude') },
    })
    try {
      let stderr = ''
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
      await new Promise<void>((resolve, reject) => {
        child.stderr.on('data', () => stderr.includes('Team metrics') && resolve())
        child.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${stderr}`)))
      })
      const url = `http://127.0.0.1:${port}/metrics`
      const tokenFile = path.join(data, 'metrics-token')
      expect(stderr).toContain(`Team metrics for Prometheus: ${url} (bearer token in ${tokenFile})`)
      expect(fs.statSync(tokenFile).mode & 0o077).toBe(0)
      const token = fs.readFileSync(tokenFile, 'utf8').trim()
      const scrape = await fetch(url, { headers: { authorization: `Bearer ${token}` } })
      expect(scrape.status).toBe(200)
      const text = await scrape.text()
      expect(text).toMatch(/^session_buddy_skill_runs_total\{skill="[^"]+",project="project-[0-9a-f]{6}",outcome="completed"\} \d+$/m)
      expect(text).toContain('# TYPE session_buddy_skill_run_duration_seconds histogram')
      expect(text).toMatch(/^session_buddy_ingest_lag_seconds 0$/m)
      expect((await fetch(url)).status).toBe(401)
      expect((await fetch(`http://127.0.0.1:${port}/`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(404)
    } finally {
      child.kill('SIGTERM')
    }
  }, 60_000)

  it('refuses a bad port, and a host without a port', async () => {
    expect(await runCli(['serve', '--metrics-port', '99999'])).toMatchObject({ code: 1, stderr: expect.stringContaining('--metrics-port must be a whole number from 1 to 65535, not "99999"') })
    expect(await runCli(['serve', '--metrics-host', '0.0.0.0'])).toMatchObject({ code: 1, stderr: expect.stringContaining('--metrics-host needs --metrics-port') })
  })
})
