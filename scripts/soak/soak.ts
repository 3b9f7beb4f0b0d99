// `npm run soak` (SOAK_SECONDS=300 by default): the reliability soak test, kept out of `npm test`.
// Four writer slots append skill runs the way hooks do (short-lived processes, a file each); an ingester is
// SIGKILLed and restarted again and again; hostile files are dropped into the events folder now and then; a
// UI client polls the HTTP API of a running `serve`, which ingests too. At the end every event must be
// stored exactly once, and the server's memory and open files must be flat. Exits non-zero otherwise.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import BetterSqlite3 from 'better-sqlite3'

const ROOT = path.resolve(__dirname, '..', '..')
const CLI = path.join(ROOT, 'bin', 'session-buddy.js')
const WRITER = path.join(ROOT, 'src', 'main', 'test-support', 'event-writer-process.ts')
const SECONDS = Number(process.env.SOAK_SECONDS ?? 300)
const SLOTS = 4

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
const exited = (child: ChildProcess) => new Promise<number | null>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve(child.exitCode) : child.once('exit', (code) => resolve(code))))
const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN

async function main(): Promise<void> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'session-buddy-soak-'))
  const data = path.join(root, 'data')
  const project = path.join(root, 'project')
  fs.mkdirSync(project)
  execFileSync(process.execPath, [CLI, '--data-dir', data, 'projects', 'add', project])
  const events = path.join(project, '.session-buddy', 'events')
  fs.mkdirSync(events, { recursive: true })
  const deadline = Date.now() + SECONDS * 1000
  console.log(`Soak for ${SECONDS} s in ${root}`)

  // The server the UI client talks to; it watches and ingests too, alongside the killed ingester.
  const server = spawn(process.execPath, [CLI, '--data-dir', data, 'serve', '--json', '--max-lifetime', String(SECONDS + 120)], {
    env: { ...process.env, SESSION_BUDDY_NO_OPEN: '1', CLAUDE_CONFIG_DIR: path.join(root, 'no-claude') },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  const { origin, token } = await new Promise<{ origin: string; token: string }>((resolve) => {
    server.stdout!.on('data', (chunk: Buffer) => {
      const line = chunk.toString().split('\n').find((l) => l.startsWith('{'))
      if (line) resolve(JSON.parse(line))
    })
  })

  // Writers: each slot runs short-lived writer processes one after another, a new file each, like hooks.
  let pairsWritten = 0
  let writerProcesses = 0
  const slots = Array.from({ length: SLOTS }, async (_, slot) => {
    for (let n = 0; Date.now() < deadline; n++) {
      const pairs = 20 + Math.floor(Math.random() * 180)
      const child = spawn(process.execPath, ['--import', 'tsx', WRITER, project, String(pairs), `s${slot}-${n}`], { stdio: 'inherit', cwd: ROOT })
      writerProcesses++
      if ((await exited(child)) !== 0) throw new Error(`writer s${slot}-${n} failed`)
      pairsWritten += pairs
    }
  })

  // The ingester, killed at random moments and started again.
  let kills = 0
  const ingesterLoop = (async () => {
    while (Date.now() < deadline) {
      const ingester = spawn(process.execPath, [CLI, '--data-dir', data, 'ingest', '--watch'], { stdio: 'ignore' })
      await sleep(500 + Math.random() * 4500)
      ingester.kill('SIGKILL')
      await exited(ingester)
      kills++
    }
  })()

  // Hostile entries, one every few seconds.
  const hostile: string[] = []
  const hostileLoop = (async () => {
    const makers: Array<(file: string) => void> = [
      (file) => fs.mkdirSync(file),
      (file) => execFileSync('mkfifo', [file]),
      (file) => fs.symlinkSync('/etc/passwd', file),
      (file) => fs.writeFileSync(file, `{"v":1,"type":"skill.invoked","pasted":"${'x'.repeat(3 * 1024 * 1024)}"}\n`),
      (file) => fs.writeFileSync(file, 'not json at all\n{"v":1}\n'),
      (file) => fs.writeFileSync(file, '{"v":1,"id":"torn","ts":"2026-11-20T10:00:00Z","type":"skill.inv'),
    ]
    for (let i = 0; Date.now() < deadline; i++) {
      await sleep(3000 + Math.random() * 4000)
      const file = path.join(events, `hostile-${i}.jsonl`)
      makers[i % makers.length]!(file)
      hostile.push(path.basename(file))
    }
  })()

  // The UI client: polls two pages' queries; the server's memory and open files are sampled as it runs.
  const latencies: number[] = []
  let pollFailures = 0
  const samples: Array<{ at: number; rssMb: number; fds: number }> = []
  const pollLoop = (async () => {
    let lastSample = 0
    while (Date.now() < deadline) {
      for (const name of ['skills-metrics', 'sessions-list']) {
        const started = performance.now()
        try {
          const response = await fetch(`${origin}/api/v1/call/${name}`, { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: '{}' })
          const body = (await response.json()) as { ok: boolean }
          if (!body.ok) pollFailures++
        } catch {
          pollFailures++
        }
        latencies.push(performance.now() - started)
      }
      if (Date.now() - lastSample >= 5000) {
        lastSample = Date.now()
        samples.push({ at: Date.now(), ...processUse(server.pid!) })
      }
      await sleep(500)
    }
  })()

  await Promise.all([...slots, ingesterLoop, hostileLoop, pollLoop])
  // Settle: one last catch-up, and the server's watcher gets a moment.
  execFileSync(process.execPath, [CLI, '--data-dir', data, 'ingest'])
  await sleep(2000)
  samples.push({ at: Date.now(), ...processUse(server.pid!) })
  server.kill('SIGTERM')
  await exited(server)

  const db = new BetterSqlite3(path.join(data, 'session-buddy.sqlite'), { readonly: true })
  const stored = db.prepare('select count(*) from skill_invocations').pluck().get() as number
  const completed = db.prepare("select count(*) from skill_invocations where status = 'completed'").pluck().get() as number
  const reported = new Set((db.prepare('select file_path from ingest_errors').pluck().all() as string[]).map((f) => path.basename(f)))
  db.close()

  const sorted = latencies.sort((a, b) => a - b)
  const firstMinute = samples.filter((s) => s.at - samples[0]!.at <= 60_000)
  const lastMinute = samples.filter((s) => samples.at(-1)!.at - s.at <= 60_000)
  const mean = (list: typeof samples, key: 'rssMb' | 'fds') => list.reduce((sum, s) => sum + s[key], 0) / list.length
  const figures = {
    seconds: SECONDS,
    writerProcesses,
    pairsWritten,
    invocationsStored: stored,
    completed,
    ingesterKills: kills,
    hostileFiles: hostile.length,
    hostileReported: hostile.filter((name) => reported.has(name)).length,
    polls: latencies.length,
    pollFailures,
    pollP50Ms: Math.round(pct(sorted, 50)),
    pollP95Ms: Math.round(pct(sorted, 95)),
    serverRssMbFirstMinute: Math.round(mean(firstMinute, 'rssMb')),
    serverRssMbLastMinute: Math.round(mean(lastMinute, 'rssMb')),
    serverFdsFirstMinute: Math.round(mean(firstMinute, 'fds')),
    serverFdsLastMinute: Math.round(mean(lastMinute, 'fds')),
    // SQLite's page cache (64 MB configured) fills as the database grows: the series should level off.
    serverRssMbByMinute: Array.from({ length: Math.ceil(SECONDS / 60) }, (_, minute) => {
      const inMinute = samples.filter((s) => Math.floor((s.at - samples[0]!.at) / 60_000) === minute)
      return inMinute.length ? Math.round(mean(inMinute, 'rssMb')) : null
    }),
  }
  console.log(JSON.stringify(figures, null, 2))

  const problems: string[] = []
  if (stored !== pairsWritten || completed !== pairsWritten) problems.push(`${pairsWritten} runs written, ${stored} stored, ${completed} completed: not exactly once`)
  // A torn last line waits a minute before it is reported; one dropped in the last minute may not be yet.
  if (figures.hostileReported < hostile.length - 2) problems.push(`${hostile.length} hostile files, only ${figures.hostileReported} reported`)
  if (pollFailures > 0) problems.push(`${pollFailures} polls failed`)
  if (figures.serverRssMbLastMinute > figures.serverRssMbFirstMinute * 1.3 + 20) problems.push('server memory grew')
  if (figures.serverFdsLastMinute > figures.serverFdsFirstMinute + 10) problems.push('server open files grew')
  fs.rmSync(root, { recursive: true, force: true })
  if (problems.length) {
    console.error(`Soak failed:\n- ${problems.join('\n- ')}`)
    process.exit(1)
  }
  console.log('Soak passed: every run stored exactly once; memory and open files flat.')
}

/** Resident memory (MB) and open file descriptors of a process, from /proc (Linux). */
function processUse(pid: number): { rssMb: number; fds: number } {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8')
    const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN)
    return { rssMb: rssKb / 1024, fds: fs.readdirSync(`/proc/${pid}/fd`).length }
  } catch {
    return { rssMb: NaN, fds: NaN }
  }
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
