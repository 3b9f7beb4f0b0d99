import { spawn, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
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
    for (let i = 0; i < FILES; i++) {
      const line = (type: string, extra: object) => JSON.stringify({ v: 1, id: `${i}-${type}`, ts: '2026-11-20T10:00:00Z', type, session_id: `s-${i % 500}`, invocation_id: `i-${i}`, skill: `skill-${i % 30}`, ...extra })
      fs.writeFileSync(path.join(events, `2026-11-20-host-${i}.jsonl`), `${line('skill.invoked', {})}\n${line('skill.completed', { duration_ms: 1000 })}\n`)
    }
    run('projects', 'add', project)
    let start = performance.now()
    const first = run('ingest', '--json')
    report(`first ingest of ${FILES} event files (CLI)`, `${ms(performance.now() - start)}  ${first.stdout.replace(/\s+/g, ' ').slice(0, 80)}`)

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
