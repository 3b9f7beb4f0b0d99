import fs from 'node:fs'
import path from 'node:path'
import { packageRoot } from '../system/package-root'

/**
 * better-sqlite3 ships one compiled binding, built for the Node.js that ran `npm ci`.
 * Electron has another ABI, so under Electron from a checkout we load a second binding kept in
 * `native/electron-<abi>/` (built by `npm run build:electron-binding`). Under Node, and in the
 * installed app (electron-builder rebuilt better-sqlite3's own binding for Electron), we
 * return undefined and better-sqlite3 finds its own build as usual.
 */
export function nativeBindingPath(versions: NodeJS.ProcessVersions = process.versions, root = packageRoot()): string | undefined {
  if (!versions.electron) return undefined
  const binding = electronBindingPath(versions.modules, root)
  if (!fs.existsSync(binding) && root.split(/[\\/]/).includes('app.asar')) return undefined
  if (!fs.existsSync(binding)) {
    throw new Error(
      `No better-sqlite3 binding for Electron ${versions.electron} (ABI ${versions.modules}) at ${binding}. ` +
        'Run "npm run build:electron-binding" once on a machine with internet access, or use "npm run serve".',
    )
  }
  return binding
}

export function electronBindingPath(abi: string, root = packageRoot()): string {
  return path.join(root, 'native', `electron-${abi}`, 'better_sqlite3.node')
}
