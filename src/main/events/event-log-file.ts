import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { eventsDir, writerFileName } from './event-log-paths'

/** Format version of every line written; see event-schema.ts for the full definition. */
export const EVENT_FORMAT_VERSION = 1

/**
 * Appends one event as one whole line in one write() to this process's own file for the day.
 * Fills in `v`, `id` and `ts` when missing. No validation here: the hook path must stay tiny
 * (no zod); EventWriter validates first, and ingest validates every line it reads.
 */
export function appendEventLine(projectPath: string, event: Record<string, unknown>, now = new Date()): Record<string, unknown> {
  const line = { v: EVENT_FORMAT_VERSION, id: crypto.randomUUID(), ts: now.toISOString(), ...event }
  const dir = eventsDir(projectPath)
  fs.mkdirSync(dir, { recursive: true })
  const fd = fs.openSync(path.join(dir, writerFileName(now)), 'a+')
  try {
    // A writer killed mid-line (same pid, same day) left a torn line: start a new one, so this event
    // is not glued onto it and lost with it.
    const text = `${endsTorn(fd) ? '\n' : ''}${JSON.stringify(line)}\n`
    fs.writeSync(fd, text)
  } finally {
    fs.closeSync(fd)
  }
  return line
}

function endsTorn(fd: number): boolean {
  const size = fs.fstatSync(fd).size
  if (size === 0) return false
  const last = Buffer.alloc(1)
  fs.readSync(fd, last, 0, 1, size - 1)
  return last[0] !== 0x0a
}
