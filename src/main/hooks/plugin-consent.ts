import fs from 'node:fs'
import path from 'node:path'
import { SESSION_BUDDY_DIR } from '../events/event-log-paths'

/** In the data folder: the folders of tracked projects, for the plugin's hook (which never opens the database). */
export const REGISTERED_FOLDERS_FILE = 'registered-folders.json'
/** In the data folder: folders the plugin's hook ran in that are not registered, one JSON line each. */
export const SEEN_FOLDERS_FILE = 'plugin-seen-folders.jsonl'

const HINT = 'not registered with Session Buddy, so nothing was recorded here'

/** Keeps REGISTERED_FOLDERS_FILE in line with the tracked projects (written whole, then renamed). */
export function writeRegisteredFolders(dataDir: string, folders: string[]): void {
  fs.mkdirSync(dataDir, { recursive: true })
  const file = path.join(dataDir, REGISTERED_FOLDERS_FILE)
  const text = `${JSON.stringify([...folders].sort(), null, 2)}\n`
  if (fs.existsSync(file) && fs.readFileSync(file, 'utf8') === text) return
  const temp = `${file}.tmp-${process.pid}`
  fs.writeFileSync(temp, text)
  fs.renameSync(temp, file)
}

/** Is `folder` a tracked project, or inside one? */
export function isRegisteredFolder(dataDir: string, folder: string): boolean {
  let folders: unknown
  try {
    folders = JSON.parse(fs.readFileSync(path.join(dataDir, REGISTERED_FOLDERS_FILE), 'utf8'))
  } catch {
    return false // no app or CLI has run here yet: nothing is registered
  }
  const resolved = path.resolve(folder)
  return Array.isArray(folders) && folders.some((f) => typeof f === 'string' && (resolved === f || resolved.startsWith(f.endsWith(path.sep) ? f : f + path.sep)))
}

/**
 * The plugin's hook ran in a folder the user has not registered: record nothing, but say once, in the
 * folder's hook-errors.log, how to register it, and note the folder for the app's first-run screen.
 */
export function noteUnregisteredFolder(dataDir: string, folder: string, now = new Date()): void {
  const dir = path.join(folder, SESSION_BUDDY_DIR)
  const log = path.join(dir, 'hook-errors.log')
  try {
    if (fs.existsSync(log) && fs.readFileSync(log, 'utf8').includes(HINT)) return
    fs.mkdirSync(dir, { recursive: true })
    fs.appendFileSync(log, `${now.toISOString()} ${folder} is ${HINT}. To track it: session-buddy projects add "${folder}" (or register it on the app's Projects page).\n`)
    fs.mkdirSync(dataDir, { recursive: true })
    fs.appendFileSync(path.join(dataDir, SEEN_FOLDERS_FILE), `${JSON.stringify({ path: folder, seenAt: now.toISOString() })}\n`)
  } catch {
    // A read-only folder: stay silent rather than disturb the assistant.
  }
}

/** Does the project's .claude/settings.json run `session-buddy hook` itself (installed with `hooks install`)? */
export function hasProjectHooks(folder: string): boolean {
  try {
    // The file's JSON text: a quoted path's closing quote is escaped there (\").
    return /session-buddy(\.js)?(\\?["'])?\s+hook\b/.test(fs.readFileSync(path.join(folder, '.claude', 'settings.json'), 'utf8'))
  } catch {
    return false
  }
}

/** Folders the plugin's hook saw that were not registered then, first sighting each. */
export function seenUnregisteredFolders(dataDir: string): Array<{ path: string; seenAt: string }> {
  let text: string
  try {
    text = fs.readFileSync(path.join(dataDir, SEEN_FOLDERS_FILE), 'utf8')
  } catch {
    return []
  }
  const seen = new Map<string, string>()
  for (const line of text.split('\n')) {
    try {
      const entry = JSON.parse(line) as { path?: unknown; seenAt?: unknown }
      if (typeof entry.path === 'string' && typeof entry.seenAt === 'string' && !seen.has(entry.path)) seen.set(entry.path, entry.seenAt)
    } catch {
      // a torn or empty line
    }
  }
  return [...seen].map(([folder, seenAt]) => ({ path: folder, seenAt }))
}
