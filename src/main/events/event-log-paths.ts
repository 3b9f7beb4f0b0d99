import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

export const SESSION_BUDDY_DIR = '.session-buddy'

export function eventsDir(projectPath: string): string {
  return path.join(projectPath, SESSION_BUDDY_DIR, 'events')
}

/**
 * One file per writer process and day (`<yyyy-mm-dd>-<host>-<pid>.jsonl`), so concurrent writers
 * never share a file and a line is never interleaved with another.
 */
export function writerFileName(date = new Date(), pid = process.pid, host = os.hostname()): string {
  const day = date.toISOString().slice(0, 10)
  const safeHost = host.replace(/[^A-Za-z0-9_.-]/g, '_').slice(0, 40) || 'host'
  return `${day}-${safeHost}-${pid}.jsonl`
}

/** A project's event files (every entry named *.jsonl: the ingester skips and reports those that are not regular files), in name order; none when the folder is missing or unreadable. */
export function listEventFiles(projectPath: string): string[] {
  const dir = eventsDir(projectPath)
  try {
    // Plain concatenation, not path.join: a busy project has 20,000 files and more, listed on every catch-up.
    const prefix = dir + path.sep
    return fs
      .readdirSync(dir)
      .filter((name) => name.endsWith('.jsonl'))
      .sort()
      .map((name) => prefix + name)
  } catch {
    return []
  }
}
