// `npm start`: open the desktop app, getting Electron's binary and its database binding on the first
// start (scripts/desktop-launch.mjs); where that cannot be done, or there is no display, serve the same
// UI on 127.0.0.1 and say why in one line.
import { spawn } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { prepareDesktop } from './desktop-launch.mjs'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const args = process.argv.slice(2)

function run(command, commandArgs) {
  const child = spawn(command, commandArgs, { stdio: 'inherit', cwd: root })
  const forward = (signal) => child.kill(signal)
  process.on('SIGINT', forward)
  process.on('SIGTERM', forward)
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)))
}

const plan = await prepareDesktop({ root })
if (plan.mode === 'electron') {
  run(plan.binary, [root, ...args])
} else {
  console.log(`Session Buddy: ${plan.reason}, so it serves the same app in your browser instead.`)
  run(process.execPath, [path.join(root, 'bin', 'session-buddy.js'), 'serve', '--open', ...args])
}
