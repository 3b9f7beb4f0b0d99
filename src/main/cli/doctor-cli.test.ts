import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { databasePath } from '../storage/data-dir'
import { runCli } from '../test-support/run-cli'
import { makeProjectFolder, tempDir } from '../test-support/temp-dir'

describe('session-buddy doctor', () => {
  it('checks a healthy database, takes a backup, recovers a corrupt file from it at the next start, and restores on request', async () => {
    const data = tempDir()
    const folder = makeProjectFolder(tempDir(), 'billing')
    expect((await runCli(['--data-dir', data, 'projects', 'add', folder])).code).toBe(0)

    const healthy = await runCli(['--data-dir', data, 'doctor', '--backup', '--keep', '3'])
    expect(healthy.code, healthy.stderr).toBe(0)
    expect(healthy.stderr).toMatch(/Keeping 3 daily backups\.\nBacked up to .*manual-.*\.sqlite/)
    expect(healthy.stdout).toMatch(/Integrity\s+ok/)
    expect(healthy.stdout).toMatch(/Backups\s+1 \(keeping 3 daily\)/)
    expect(healthy.stdout).toMatch(/manual\s+[\d.]+ MB\s+ok/)
    expect(healthy.stdout).toMatch(/Healthy\.\n$/)

    // The file is destroyed: the next command still works, on the restored backup, and says what happened.
    const file = databasePath(data)
    fs.writeFileSync(file, 'not a database '.repeat(1000))
    for (const suffix of ['-wal', '-shm']) fs.rmSync(file + suffix, { force: true })
    const listed = await runCli(['--data-dir', data, 'projects', 'list', '--json'])
    expect(listed.code, listed.stderr).toBe(0)
    expect(JSON.parse(listed.stdout).map((p: { path: string }) => p.path)).toEqual([folder])
    expect(listed.stderr).toMatch(/could not be opened \(.*file is not a database\)/)
    expect(listed.stderr).toMatch(/kept, untouched, at .*damaged/)
    expect(listed.stderr).toMatch(/Restored the backup of /)
    expect(fs.readdirSync(path.join(data, 'damaged'))).toHaveLength(1)

    const report = JSON.parse((await runCli(['--data-dir', data, 'doctor', '--json'])).stdout)
    expect(report).toMatchObject({ healthy: true, keepDailyBackups: 3, lastRecovery: { problem: expect.stringMatching(/not a database/) } })

    // A project registered after the backup goes with a restore, and the data it replaced is kept.
    expect((await runCli(['--data-dir', data, 'projects', 'add', makeProjectFolder(tempDir(), 'later')])).code).toBe(0)
    const restored = await runCli(['--data-dir', data, 'doctor', '--restore', 'latest'])
    expect(restored.code, restored.stderr).toBe(0)
    expect(restored.stderr).toMatch(/The data it replaced is kept in .*before-restore-/)
    expect(JSON.parse((await runCli(['--data-dir', data, 'projects', 'list', '--json'])).stdout)).toHaveLength(1)
  })

  it('refuses a bad --keep and a backup that does not exist in one line', async () => {
    const data = tempDir()
    expect(await runCli(['--data-dir', data, 'doctor', '--keep', '0'])).toMatchObject({ code: 2, stderr: 'session-buddy: --keep must be a whole number from 1 to 365, not "0"\n' })
    const missing = await runCli(['--data-dir', data, 'doctor', '--restore', 'latest'])
    expect(missing.code).toBe(1)
    expect(missing.stderr).toMatch(/^session-buddy: No backup in .* passes the integrity check\n$/)
  })
})
