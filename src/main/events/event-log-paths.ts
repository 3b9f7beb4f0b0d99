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

/**
 * Writers name their files by their current day, so a file named for a day at least this many days
 * past gets no new lines (the margin covers writers that named a file just before midnight, and clocks).
 */
export const SETTLED_AFTER_DAYS = 2

/** The first day whose files may still grow: names of earlier days sort below it. */
export function settledBefore(now = new Date()): string {
  return new Date(now.getTime() - SETTLED_AFTER_DAYS * 86_400_000).toISOString().slice(0, 10)
}

/** Whether a file's name says it belongs to a day before `cutoff` (`yyyy-mm-dd-…`). */
export function namedBefore(file: string, cutoff: string): boolean {
  const name = file.slice(file.lastIndexOf(path.sep) + 1)
  return name.length > 11 && name[10] === '-' && name.slice(0, 10) < cutoff && /^\d{4}-\d{2}-\d{2}$/.test(name.slice(0, 10))
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
