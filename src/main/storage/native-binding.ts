import fs from 'node:fs'
import path from 'node:path'
import { packageRoot } from '../system/package-root'

/**
 * better-sqlite3 ships one compiled binding, built for the Node.js that ran `npm ci`.
 * Electron has another ABI, so under Electron we load a second binding kept in
 * `native/electron-<abi>/` (built by `npm run build:electron-binding`). Under Node we
 * return undefined and better-sqlite3 finds its own build as usual.
 */
export function nativeBindingPath(versions: NodeJS.ProcessVersions = process.versions): string | undefined {
  if (!versions.electron) return undefined
  const binding = electronBindingPath(versions.modules)
  if (!fs.existsSync(binding)) {
    throw new Error(
      `No better-sqlite3 binding for Electron ${versions.electron} (ABI ${versions.modules}) at ${binding}. ` +
        'Run "npm run build:electron-binding" once on a machine with internet access, or use "npm run serve".',
    )
  }
  return binding
}

export function electronBindingPath(abi: string): string {
  return path.join(packageRoot(), 'native', `electron-${abi}`, 'better_sqlite3.node')
}
