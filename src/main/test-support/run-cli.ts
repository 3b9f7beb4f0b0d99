import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { packageRoot } from '../system/package-root'

export const CLI_BIN = path.join(packageRoot(), 'bin', 'session-buddy.js')

export interface CliResult {
  code: number | null
  stdout: string
  stderr: string
}

/** Runs the built `session-buddy` command as a real child process. */
export function runCli(args: string[], options: { input?: string; env?: NodeJS.ProcessEnv; cwd?: string } = {}): Promise<CliResult> {
  if (!fs.existsSync(path.join(packageRoot(), 'out', 'main', 'cli.js'))) {
    throw new Error('The CLI is not built: run "npm run build" before these tests')
  }
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI_BIN, ...args], {
      cwd: options.cwd,
      // The user's own ~/.claude stays out of tests unless a test names a config folder.
      env: { ...process.env, SESSION_BUDDY_NO_OPEN: '1', CLAUDE_CONFIG_DIR: path.join(os.tmpdir(), 'session-buddy-tests-no-claude-config'), ...options.env },
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk) => (stdout += chunk))
    child.stderr.on('data', (chunk) => (stderr += chunk))
    child.on('error', reject)
    child.on('close', (code) => resolve({ code, stdout, stderr }))
    child.stdin.end(options.input ?? '')
  })
}
