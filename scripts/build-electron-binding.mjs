// Builds better-sqlite3 for the installed Electron's ABI into native/electron-<abi>/, beside the
// Node build that `npm ci` made, so tests (Node) and the app (Electron) share one checkout.
// Needs internet once (Electron's headers, or a prebuilt binary); run it with `npm run build:electron-binding`.
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const require = createRequire(path.join(root, 'package.json'))
const electronVersion = require('electron/package.json').version
// node-abi comes with better-sqlite3's prebuild-install and maps an Electron version to its ABI.
const abi = require('node-abi').getAbi(electronVersion, 'electron')
const source = path.dirname(require.resolve('better-sqlite3/package.json'))
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'better-sqlite3-electron-'))
fs.cpSync(source, work, { recursive: true, filter: (file) => !file.includes(`${path.sep}build${path.sep}`) })

console.log(`Building better-sqlite3 for Electron ${electronVersion} (ABI ${abi}) in ${work}`)
const bin = (name) => path.join(root, 'node_modules', '.bin', name)
try {
  execFileSync(bin('prebuild-install'), ['--runtime', 'electron', '--target', electronVersion], { cwd: work, stdio: 'inherit' })
} catch {
  console.log('No prebuilt binary; compiling against Electron headers')
  execFileSync(
    'npx',
    ['--yes', 'node-gyp', 'rebuild', '--release', `--target=${electronVersion}`, '--runtime=electron', '--dist-url=https://electronjs.org/headers'],
    { cwd: work, stdio: 'inherit' },
  )
}
const target = path.join(root, 'native', `electron-${abi}`)
fs.mkdirSync(target, { recursive: true })
fs.copyFileSync(path.join(work, 'build', 'Release', 'better_sqlite3.node'), path.join(target, 'better_sqlite3.node'))
fs.rmSync(work, { recursive: true, force: true })
console.log(`Wrote ${path.join(target, 'better_sqlite3.node')}`)
