import { execFileSync, spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { checkDatabaseFile, listBackups, takeDailyBackupIfDue } from '../storage/backups'
import { appliedMigrations, openDatabase } from '../storage/database'
import { migrations } from '../storage/migrations'
import { tempDir } from '../test-support/temp-dir'
import { openDatabaseWithRecovery } from './open-with-recovery'

const ALL = Object.keys(migrations)
const ROWS = 60_000

/** A database at the schema before the run-outcomes migration (which rebuilds the largest table), holding ROWS runs. */
async function oldDatabase(): Promise<{ file: string; bytes: number }> {
  const file = path.join(tempDir(), 'session-buddy.sqlite')
  const old = await openDatabase(file, { migrateTo: '2026-11-25-005-insight-summaries' })
  const { sqlite } = old
  sqlite.prepare("insert into projects (path, name, registered_at, updated_at) values ('/p', 'p', 'now', 'now')").run()
  const insert = sqlite.prepare(
    "insert into skill_invocations (project_id, skill_name, status, started_at, ended_at, duration_ms, user_query, source, source_ref) values (1, ?, 'completed', ?, ?, 1000, ?, 'event-log', ?)",
  )
  sqlite.transaction(() => {
    for (let i = 0; i < ROWS; i++) {
      const at = new Date(Date.UTC(2026, 9, 1) + i * 60_000).toISOString()
      insert.run(`skill-${i % 40}`, at, at, `a request of some length, number ${i}, to give the pages weight`, `ref-${i}`)
    }
  })()
  sqlite.pragma('wal_checkpoint(TRUNCATE)')
  await old.close()
  return { file, bytes: fs.statSync(file).size }
}

function copyDatabase(from: string, toDir: string): string {
  fs.mkdirSync(toDir, { recursive: true })
  const to = path.join(toDir, path.basename(from))
  for (const suffix of ['', '-wal', '-shm']) if (fs.existsSync(from + suffix)) fs.copyFileSync(from + suffix, to + suffix)
  return to
}

/** Opens like the app does and checks nothing was lost: every migration applied, every row there, and SQLite's integrity check passes. */
async function expectWholeAndCurrent(file: string): Promise<void> {
  const { database, recovery } = await openDatabaseWithRecovery(file)
  try {
    expect(recovery).toBeNull()
    expect(await appliedMigrations(database.db)).toEqual(ALL)
    expect(database.sqlite.prepare('select count(*) from skill_invocations').pluck().get()).toBe(ROWS)
    expect(database.sqlite.pragma('integrity_check', { simple: true })).toBe('ok')
  } finally {
    await database.close()
  }
}

const DATABASE_PROCESS = path.join(__dirname, '..', 'test-support', 'database-process.ts')

/**
 * Runs the database process and SIGKILLs it `killAfterMs` after it says its work started (or lets it
 * finish when null); resolves with how long the work ran.
 */
function runKilled(mode: 'open' | 'backups', file: string, killAfterMs: number | null): Promise<{ ms: number; killed: boolean }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', DATABASE_PROCESS, mode, file], { stdio: ['ignore', 'pipe', 'inherit'] })
    let started = 0
    let timer: NodeJS.Timeout | undefined
    child.stdout.on('data', (chunk: Buffer) => {
      if (started || !chunk.toString().includes('start')) return
      started = performance.now()
      if (killAfterMs !== null) timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs)
    })
    child.on('error', reject)
    child.on('exit', (code, signal) => {
      clearTimeout(timer)
      if (signal !== 'SIGKILL' && code !== 0) reject(new Error(`the ${mode} process exited with ${code}`))
      else resolve({ ms: performance.now() - started, killed: signal === 'SIGKILL' })
    })
  })
}

/** A small deterministic generator, so a failing run can be repeated with the seed it prints. */
function random(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0
    return state / 2 ** 32
  }
}

describe('fault injection', () => {
  it('a kill at a random point of an upgrade or of a backup never loses a row or leaves a file that does not open', { timeout: 180_000 }, async () => {
    const seed = Number(process.env.FAULT_SEED ?? Date.now() % 100_000)
    const next = random(seed)
    const pristine = await oldDatabase()
    const context = `seed ${seed} (repeat with FAULT_SEED=${seed})`

    // One upgrade left to finish, to learn how long it takes here; then kills at random moments of it.
    const full = await runKilled('open', copyDatabase(pristine.file, tempDir()), null)
    let killedMidway = 0
    for (let round = 0; round < 8; round++) {
      const file = copyDatabase(pristine.file, tempDir())
      const run = await runKilled('open', file, Math.round(full.ms * next()))
      if (run.killed) killedMidway++
      await expectWholeAndCurrent(file).catch((error: Error) => {
        throw new Error(`upgrade round ${round}, killed after ${Math.round(run.ms)} of ${Math.round(full.ms)} ms, ${context}: ${error.message}`)
      })
    }
    expect(killedMidway, context).toBeGreaterThan(4)

    // Backups killed part-way: the database and every backup listed stay whole; the leftovers are cleared.
    const dir = tempDir()
    const file = copyDatabase(pristine.file, dir)
    await expectWholeAndCurrent(file)
    for (let round = 0; round < 8; round++) await runKilled('backups', file, Math.round(50 + 400 * next()))
    await expectWholeAndCurrent(file)
    const listed = listBackups(file)
    expect(listed.length).toBeGreaterThan(0)
    for (const backup of listed) expect(checkDatabaseFile(backup.file), `${backup.file}, ${context}`).toEqual({ ok: true })
    expect(fs.readdirSync(path.join(dir, 'backups')).some((name) => name.endsWith('.partial')), 'some kill landed mid-copy').toBe(true)
    const database = await openDatabase(file)
    await takeDailyBackupIfDue(database.sqlite, file)
    await database.close()
    expect(fs.readdirSync(path.join(dir, 'backups')).filter((name) => name.endsWith('.partial'))).toEqual([])
  })

  const mountable = canMountTmpfs()
  it.skipIf(!mountable)('a disk that fills at any point of an upgrade leaves the database as it was, and it upgrades once there is room', { timeout: 180_000 }, async () => {
    const pristine = await oldDatabase()
    const mount = tempDir()
    let failed = 0
    let upgraded = 0
    // From barely larger than the file to room for the file, a backup and the migration's log: the disk fills at every step on the way.
    const steps = 14
    for (let step = 0; step < steps; step++) {
      const size = Math.round(pristine.bytes * (1.02 + (2.6 * step) / (steps - 1)))
      execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${Math.ceil(size / 4096) * 4096}`, 'tmpfs', mount])
      try {
        const file = copyDatabase(pristine.file, mount)
        const outcome = await openDatabaseWithRecovery(file).then(
          async ({ database, recovery }) => {
            expect(recovery).toBeNull()
            await database.close()
            return 'upgraded' as const
          },
          (error: Error) => error,
        )
        if (outcome === 'upgraded') upgraded++
        else {
          failed++
          expect(outcome.message, `at ${size} bytes`).toMatch(/disk is full|SQLITE_FULL|ENOSPC|no space/i)
          // Nothing was moved aside or half-changed: the files, copied to a roomy disk, upgrade whole.
          expect(fs.existsSync(path.join(mount, 'damaged'))).toBe(false)
          await expectWholeAndCurrent(copyDatabase(file, tempDir()))
        }
      } finally {
        execFileSync('umount', [mount])
      }
    }
    expect(failed).toBeGreaterThan(2)
    expect(upgraded).toBeGreaterThan(0)
  })
  if (!mountable) it('(disk-full upgrade test skipped: mounting a small tmpfs needs root on Linux)', () => undefined)
})

function canMountTmpfs(): boolean {
  if (process.platform !== 'linux') return false
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'session-buddy-mount-probe-'))
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', dir], { stdio: 'ignore' })
    execFileSync('umount', [dir], { stdio: 'ignore' })
    return true
  } catch {
    return false
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
}
