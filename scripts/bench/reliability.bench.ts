import { spawn, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { openAppContext } from '../../src/main/app-context'
import { ms, report, summary, timeRuns } from './stats'

const FILES = 20_000

/** One file per hook process builds up fast: the costs of a project with 20,000 event files and nothing new in them. */
export async function benchManyEventFiles(root: string): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'session-buddy-bench-'))
  const cli = path.join(root, 'bin', 'session-buddy.js')
  const data = path.join(dir, 'data')
  const run = (...args: string[]) => spawnSync(process.execPath, [cli, '--data-dir', data, ...args], { encoding: 'utf8' })
  try {
    const project = path.join(dir, 'project')
    const events = path.join(project, '.session-buddy', 'events')
    fs.mkdirSync(events, { recursive: true })
    // Five events a file (two runs and a prompt), 100,000 in all; the same lines in one file for comparison.
    const all: string[] = []
    for (let i = 0; i < FILES; i++) {
      const lines = [0, 1].flatMap((k) => {
        const base = { v: 1, ts: '2026-11-20T10:00:00Z', session_id: `s-${i % 500}`, invocation_id: `i-${i}-${k}`, skill: `skill-${(i + k) % 30}` }
        return [JSON.stringify({ ...base, id: `${i}-${k}-a`, type: 'skill.invoked' }), JSON.stringify({ ...base, id: `${i}-${k}-b`, type: 'skill.completed', duration_ms: 1000 })]
      })
      lines.push(JSON.stringify({ v: 1, id: `${i}-p`, ts: '2026-11-20T10:00:00Z', type: 'prompt.submitted', session_id: `s-${i % 500}`, prompt: 'tidy up' }))
      fs.writeFileSync(path.join(events, `2026-11-20-host-${i}.jsonl`), `${lines.join('\n')}\n`)
      all.push(...lines)
    }
    const single = path.join(dir, 'single')
    fs.mkdirSync(path.join(single, '.session-buddy', 'events'), { recursive: true })
    fs.writeFileSync(path.join(single, '.session-buddy', 'events', '2026-11-20-host-1.jsonl'), `${all.join('\n')}\n`)
    const singleData = path.join(dir, 'single-data')
    spawnSync(process.execPath, [cli, '--data-dir', singleData, 'projects', 'add', single])
    let start = performance.now()
    spawnSync(process.execPath, [cli, '--data-dir', singleData, 'ingest', '--json'])
    const oneFile = performance.now() - start

    run('projects', 'add', project)
    start = performance.now()
    const first = run('ingest', '--json')
    const manyFiles = performance.now() - start
    report(`first ingest of ${all.length.toLocaleString('en')} events in ${FILES.toLocaleString('en')} files (CLI)`, `${ms(manyFiles)}  ${first.stdout.replace(/\s+/g, ' ').slice(0, 80)}`)
    report(`the same events in one file (CLI); ratio (target ≤ 1.5)`, `${ms(oneFile)}; ${(manyFiles / oneFile).toFixed(2)}×`)

    // Nothing new: the first catch-up stats every file and settles those named for past days; later ones skip them.
    const catchUps: number[] = []
    const context = await openAppContext({ dataDir: data, claudeConfigDirs: [], transcriptRoots: [] })
    for (let i = 0; i < 6; i++) {
      start = performance.now()
      await context.ingest.catchUp()
      catchUps.push(performance.now() - start)
    }
    await context.close()
    report(`in-process catch-up, ${FILES} files, nothing new (target < 100 ms)`, `first ${ms(catchUps[0]!)}, then ${summary(catchUps.slice(1).sort((a, b) => a - b))}`)

    report(`CLI skills, ${FILES} files, nothing new`, summary(await timeRuns(5, () => run('skills', '--json'), 1)))
    report('CLI projects list (no ingest), for comparison', summary(await timeRuns(5, () => run('projects', 'list', '--json'), 1)))

    const serveTimes: number[] = []
    for (let i = 0; i < 3; i++) {
      start = performance.now()
      await new Promise<void>((resolve, reject) => {
        const child = spawn(process.execPath, [cli, '--data-dir', data, 'serve', '--json', '--max-lifetime', '60'], { env: { ...process.env, SESSION_BUDDY_NO_OPEN: '1', CLAUDE_CONFIG_DIR: path.join(dir, 'no-claude') } })
        child.stdout.on('data', (chunk: Buffer) => {
          if (!chunk.toString().includes('"url"')) return
          serveTimes.push(performance.now() - start)
          child.kill('SIGTERM')
        })
        child.on('exit', () => resolve())
        child.on('error', reject)
      })
    }
    report(`serve start to URL, ${FILES} files`, summary(serveTimes.sort((a, b) => a - b)))
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
}
