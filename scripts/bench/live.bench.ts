import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { openAppContext } from '../../src/main/app-context'
import { EventWriter } from '../../src/main/events/event-writer'
import { startHttpServer } from '../../src/main/server/http-server'
import { report, summary, timeRuns } from './stats'

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
    const latencies: number[] = []
    const writer = new EventWriter(project)
    await new Promise<void>((resolve, reject) => {
      const req = http.get({ host: '127.0.0.1', port: server.port, path: `/api/v1/changes?token=${server.token}` }, (res) => {
        let sentAt = 0
        const send = () => {
          sentAt = performance.now()
          writer.append({ type: 'skill.invoked', session_id: 's', invocation_id: `i${latencies.length}`, skill: 'crackerjack-run' })
        }
        res.on('data', (chunk: Buffer) => {
          if (!chunk.toString().includes('"sessions"') || sentAt === 0) return
          latencies.push(performance.now() - sentAt)
          sentAt = 0
          if (latencies.length === 20) {
            req.destroy()
            resolve()
          } else setTimeout(send, 20)
        })
        setTimeout(send, 100)
      })
      req.on('error', reject)
    })
    report('event appended → change pushed to the UI (SSE)', summary(latencies.sort((a, b) => a - b)))
    await server.close()
    await context.close()
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
}
