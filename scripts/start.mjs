// `npm start`: open the desktop app where Electron's binary is installed; otherwise serve the
// same UI on 127.0.0.1 (Electron downloads its binary on first use, which an offline machine cannot).
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const args = process.argv.slice(2)

function installedElectronBinary() {
  const dir = path.join(root, 'node_modules', 'electron')
  try {
    const relative = fs.readFileSync(path.join(dir, 'path.txt'), 'utf8').trim()
    const binary = path.join(dir, 'dist', relative)
    return fs.existsSync(binary) ? binary : null
  } catch {
    return null
  }
}

function hasDisplay() {
  return process.platform !== 'linux' || Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY)
}

function run(command, commandArgs) {
  const child = spawn(command, commandArgs, { stdio: 'inherit', cwd: root })
  const forward = (signal) => child.kill(signal)
  process.on('SIGINT', forward)
  process.on('SIGTERM', forward)
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)))
}

const electron = process.env.SESSION_BUDDY_FORCE_SERVE ? null : installedElectronBinary()
if (electron && hasDisplay()) {
  run(electron, [root, ...args])
} else {
  const why = electron
    ? 'there is no display to open a window on'
    : "Electron's binary is not installed (it downloads on first use, and this machine could not)"
  console.log(`Session Buddy: ${why}, so it serves the same app in your browser instead.`)
  run(process.execPath, [path.join(root, 'bin', 'session-buddy.js'), 'serve', '--open', ...args])
}
