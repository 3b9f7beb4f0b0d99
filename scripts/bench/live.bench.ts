import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { openAppContext } from '../../src/main/app-context'
import { EventWriter } from '../../src/main/events/event-writer'
import { startHttpServer } from '../../src/main/server/http-server'
import { transcriptFolderPrefix } from '../../src/main/imports/claude-code/transcript-follower'
import { TranscriptLines } from '../../src/main/test-support/transcript-lines'
import { report, summary, timeRuns } from './stats'

/** Milliseconds from each write to the change event an open UI receives over SSE, one write at a time. */
function sseLatencies(server: { port: number; token: string }, count: number, pauseMs: number, write: () => void): Promise<number[]> {
  const latencies: number[] = []
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port: server.port, path: `/api/v1/changes?token=${server.token}` }, (res) => {
      let sentAt = 0
      const send = () => {
        sentAt = performance.now()
        write()
      }
      res.on('data', (chunk: Buffer) => {
        if (!chunk.toString().includes('"sessions"') || sentAt === 0) return
        latencies.push(performance.now() - sentAt)
        sentAt = 0
        if (latencies.length === count) {
          req.destroy()
          resolve(latencies.sort((a, b) => a - b))
        } else setTimeout(send, pauseMs)
      })
      setTimeout(send, 300)
    })
    req.on('error', reject)
  })
}

/** Hook-free live tracking: a transcript line appended → change pushed over SSE; and the CPU an idle app uses. */
async function benchTranscriptFollowing(dir: string): Promise<void> {
  const project = path.join(dir, 'transcript-project')
  fs.mkdirSync(project)
  const roots = path.join(dir, 'claude', 'projects')
  const folder = path.join(roots, transcriptFolderPrefix(project))
  fs.mkdirSync(folder, { recursive: true })
  const context = await openAppContext({ dataDir: path.join(dir, 'data-transcripts'), transcriptRoots: [roots], claudeConfigDirs: [] })
  await context.handlers['projects-add']({ path: project })
  await context.startBackgroundWork()
  const server = await startHttpServer({ handlers: context.handlers, changes: context.changes, staticDir: dir })
  const file = path.join(folder, 'bench-session.jsonl')
  let turn = 0
  const latencies = await sseLatencies(server, 30, 50, () => {
    // One turn of a real shape per round: a prompt, a Skill call and its result.
    const lines = new TranscriptLines(project, 'bench-session', Date.UTC(2026, 10, 20) + turn * 60_000).prompt(0, `request ${turn}`).skill(1, `toolu_bench_${turn}`, 'crackerjack-run').toLines()
    turn++
    fs.appendFileSync(file, lines.map((l) => l.replace(/"uuid":"line-/g, `"uuid":"t${turn}-`)).join('\n') + '\n')
  })
  report('transcript line appended → change pushed to the UI (SSE), no hooks', summary(latencies))

  // Idle: every background service of the app running (event-log and transcript watchers, catalogue,
  // search, summaries, the poll for other processes' writes), nothing changing: CPU over 20 s once start-up work settled.
  await context.search.whenReady()
  await new Promise((resolve) => setTimeout(resolve, 10_000))
  const shares: number[] = []
  for (let window = 0; window < 3; window++) {
    const cpuBefore = process.cpuUsage()
    const wallBefore = performance.now()
    await new Promise((resolve) => setTimeout(resolve, 10_000))
    const cpu = process.cpuUsage(cpuBefore)
    shares.push(((cpu.user + cpu.system) / 1000 / (performance.now() - wallBefore)) * 100)
  }
  report('idle app, all background work running, nothing changing (3 × 10 s)', `${shares.map((s) => `${s.toFixed(2)}%`).join(', ')} of one core`)
  await server.close()
  await context.close()
}

/** The hook's cost per Claude Code event, and how long a new event takes to reach an open UI. */
export async function benchLive(root: string): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'session-buddy-bench-live-'))
  try {
    const payload = JSON.stringify({ session_id: 's', cwd: dir, hook_event_name: 'PreToolUse', tool_name: 'Skill', tool_input: { skill: 'crackerjack-run' }, tool_use_id: 'toolu_1' })
    const bare = await timeRuns(15, () => spawnSync(process.execPath, ['-e', '']), 2)
    const hook = await timeRuns(15, () => spawnSync(process.execPath, [path.join(root, 'bin', 'session-buddy.js'), 'hook'], { input: payload, env: { ...process.env, CLAUDE_PROJECT_DIR: dir } }), 2)
    report('Node.js start alone (node -e "")', summary(bare))
    report('session-buddy hook, whole process', summary(hook))

    const context = await openAppContext({ dataDir: path.join(dir, 'data') })
    const project = path.join(dir, 'project')
    fs.mkdirSync(project)
    await context.handlers['projects-add']({ path: project })
    await context.ingest.startWatching()
    const server = await startHttpServer({ handlers: context.handlers, changes: context.changes, staticDir: dir })
    const writer = new EventWriter(project)
    let sent = 0
    const latencies = await sseLatencies(server, 20, 20, () => writer.append({ type: 'skill.invoked', session_id: 's', invocation_id: `i${sent++}`, skill: 'crackerjack-run' }))
    report('event appended → change pushed to the UI (SSE)', summary(latencies))
    await server.close()
    await context.close()
    await benchTranscriptFollowing(dir)
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
}
