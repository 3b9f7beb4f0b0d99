import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

export const ROOT = path.resolve(__dirname, '..', '..')
export const SCREENSHOTS = path.join(ROOT, 'test-results', 'screenshots')

export interface AppServer {
  url: string
  origin: string
  token: string
  dataDir: string
  stop(): Promise<void>
}

/**
 * Starts a real `session-buddy serve` (or `npm start`'s script) on 127.0.0.1 with a fresh data folder.
 * --max-lifetime makes it stop by itself even if a test dies before stop().
 */
export async function startAppServer(
  options: { viaStartScript?: boolean; claudeConfigDir?: string; dataDir?: string; home?: string } = {},
): Promise<AppServer & { output: string[] }> {
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'session-buddy-e2e-'))
  // Skills come from the test's own Claude config folder, never the user's ~/.claude.
  const claudeConfigDir = options.claudeConfigDir ?? path.join(dataDir, 'claude-config')
  const args = options.viaStartScript
    ? [path.join(ROOT, 'scripts', 'start.mjs'), '--json', '--max-lifetime', '120']
    : [path.join(ROOT, 'bin', 'session-buddy.js'), 'serve', '--json', '--max-lifetime', '120']
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, SESSION_BUDDY_HOME: dataDir, SESSION_BUDDY_NO_OPEN: '1', CLAUDE_CONFIG_DIR: claudeConfigDir, ...(options.home ? { HOME: options.home } : {}) },
  })
  const output: string[] = []
  const info = await new Promise<{ url: string; origin: string; token: string }>((resolve, reject) => {
    let buffer = ''
    child.stdout!.on('data', (chunk: Buffer) => {
      buffer += chunk.toString()
      const lines = buffer.split('\n')
      buffer = lines.pop() ?? ''
      for (const line of lines) {
        output.push(line)
        if (line.startsWith('{')) resolve(JSON.parse(line))
      }
    })
    child.stderr!.on('data', (chunk: Buffer) => output.push(chunk.toString()))
    child.once('exit', (code) => reject(new Error(`server exited with ${code}: ${output.join('\n')}`)))
  })
  return { ...info, dataDir, output, stop: () => stopChild(child, dataDir) }
}

async function stopChild(child: ChildProcess, dataDir: string): Promise<void> {
  if (child.exitCode === null) {
    const exited = new Promise((resolve) => child.once('exit', resolve))
    child.kill('SIGTERM')
    await exited
  }
  fs.rmSync(dataDir, { recursive: true, force: true })
}

export function screenshotPath(name: string): string {
  fs.mkdirSync(SCREENSHOTS, { recursive: true })
  return path.join(SCREENSHOTS, `${name}.png`)
}

export function electronBinaryInstalled(): boolean {
  try {
    const dir = path.join(ROOT, 'node_modules', 'electron')
    return fs.existsSync(path.join(dir, 'dist', fs.readFileSync(path.join(dir, 'path.txt'), 'utf8').trim()))
  } catch {
    return false
  }
}
