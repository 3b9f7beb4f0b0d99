import os from 'node:os'
import path from 'node:path'

export const DATABASE_FILE_NAME = 'session-buddy.sqlite'

export interface DataDirOptions {
  /** An explicit folder, e.g. from `--data-dir`; wins over everything else. */
  override?: string
  env?: NodeJS.ProcessEnv
  platform?: NodeJS.Platform
  homeDir?: string
}

/**
 * The one place that decides where Session Buddy keeps its data. The app, the HTTP server,
 * the CLI and the MCP server all call this, so they always share one database.
 */
export function resolveDataDir(options: DataDirOptions = {}): string {
  const env = options.env ?? process.env
  if (options.override) return path.resolve(options.override)
  if (env.SESSION_BUDDY_HOME) return path.resolve(env.SESSION_BUDDY_HOME)

  const home = options.homeDir ?? os.homedir()
  switch (options.platform ?? process.platform) {
    case 'darwin':
      return path.join(home, 'Library', 'Application Support', 'Session Buddy')
    case 'win32':
      return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'Session Buddy')
    default:
      return path.join(env.XDG_DATA_HOME ?? path.join(home, '.local', 'share'), 'session-buddy')
  }
}

export function databasePath(dataDir: string): string {
  return path.join(dataDir, DATABASE_FILE_NAME)
}
