// What `npm start` opens: the Electron app when it can get everything it needs, else the same app
// served in the browser. Each step that needs the network or a compiler runs once, under a time
// limit, and a failure ends in one line saying why. Plain functions so tests can run them on a
// folder of stand-ins (a fake Electron installer, a fake binding builder).
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'

export const STEP_TIMEOUTS_MS = { download: 180_000, binding: 300_000 }

/** Electron's binary, as its npm package records it after downloading (path.txt); null when not there. */
export function installedElectronBinary(root) {
  const dir = path.join(root, 'node_modules', 'electron')
  try {
    const binary = path.join(dir, 'dist', fs.readFileSync(path.join(dir, 'path.txt'), 'utf8').trim())
    return fs.existsSync(binary) ? binary : null
  } catch {
    return null
  }
}

/** The better-sqlite3 binding built for Electron's ABI (native/electron-<abi>/), where the app loads it. */
export function electronBindingFile(root) {
  const abi = fs.readFileSync(path.join(root, 'node_modules', 'electron', 'abi_version'), 'utf8').trim()
  return path.join(root, 'native', `electron-${abi}`, 'better_sqlite3.node')
}

export function hasDisplay(env = process.env, platform = process.platform) {
  return platform !== 'linux' || Boolean(env.DISPLAY || env.WAYLAND_DISPLAY)
}

/**
 * Runs one step with its output shown on stderr (stdout stays ours), killed after `timeoutMs`.
 * Resolves to null when it succeeded, else one line saying why.
 */
export function runStep(command, args, { cwd, timeoutMs, env = process.env }) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: process.platform !== 'win32' })
    let last = ''
    const show = (chunk) => {
      process.stderr.write(chunk)
      // The last line that says something: stack frames ("at …") only say where.
      const lines = chunk.toString().split(/[\r\n]+/).map((l) => l.trim()).filter((l) => l && !l.startsWith('at '))
      if (lines.length) last = lines.at(-1)
    }
    child.stdout.on('data', show)
    child.stderr.on('data', show)
    const timer = setTimeout(() => {
      try {
        process.kill(process.platform === 'win32' ? child.pid : -child.pid, 'SIGKILL')
      } catch {
        child.kill('SIGKILL')
      }
      resolve(`it took longer than ${Number((timeoutMs / 1000).toFixed(1))} s`)
    }, timeoutMs)
    child.on('error', (error) => {
      clearTimeout(timer)
      resolve(error.message)
    })
    child.on('exit', (code) => {
      clearTimeout(timer)
      resolve(code === 0 ? null : last || `it exited with code ${code}`)
    })
  })
}

/**
 * Decides how to start: { mode: 'electron', binary } or { mode: 'serve', reason }. A missing Electron
 * binary is fetched with Electron's own installer; a missing database binding for Electron is fetched
 * prebuilt or compiled (scripts/build-electron-binding.mjs). Neither runs again once its file is there.
 */
export async function prepareDesktop({ root, env = process.env, platform = process.platform, timeouts = STEP_TIMEOUTS_MS, log = (line) => process.stderr.write(`${line}\n`) }) {
  if (env.SESSION_BUDDY_FORCE_SERVE) return { mode: 'serve', reason: 'SESSION_BUDDY_FORCE_SERVE is set' }
  if (!hasDisplay(env, platform)) return { mode: 'serve', reason: 'there is no display to open a window on' }
  let binary = installedElectronBinary(root)
  if (!binary) {
    log("Session Buddy: downloading Electron's binary (first start only)…")
    const failed = await runStep(process.execPath, [path.join(root, 'node_modules', 'electron', 'install.js')], { cwd: root, timeoutMs: timeouts.download, env })
    binary = installedElectronBinary(root)
    if (!binary) return { mode: 'serve', reason: `Electron's binary could not be downloaded (${failed ?? 'the installer wrote no binary'})` }
  }
  if (!fs.existsSync(electronBindingFile(root))) {
    log('Session Buddy: getting the database binding for Electron (first start only)…')
    const failed = await runStep(process.execPath, [path.join(root, 'scripts', 'build-electron-binding.mjs')], { cwd: root, timeoutMs: timeouts.binding, env })
    if (!fs.existsSync(electronBindingFile(root))) return { mode: 'serve', reason: `the database binding for Electron could not be fetched or built (${failed ?? 'no binding was written'})` }
  }
  return { mode: 'electron', binary }
}
