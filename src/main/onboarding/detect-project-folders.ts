import fs from 'node:fs'
import path from 'node:path'
import { readDirSafe } from '../system/files'

/** A folder Claude Code sessions ran in, found from the `cwd` its transcripts name. */
export interface DetectedFolder {
  path: string
  /** Transcripts (one per session) that name it. */
  sessions: number
  /** The newest of those transcripts' modification times. */
  lastActivity: string
  exists: boolean
}

/** How much of a transcript is read to find its `cwd`: the first lines carry it. */
const HEAD_BYTES = 64 * 1024

/**
 * The project folders Claude Code transcripts under `roots` mention, most recently active first. Each
 * session's transcript (`<root>/<encoded folder>/<session>.jsonl`) is opened for its first 64 KB only;
 * sub-agent transcripts in deeper folders belong to their session and are not counted again.
 */
export function detectProjectFolders(roots: string[]): DetectedFolder[] {
  const byFolder = new Map<string, { sessions: number; last: number }>()
  const head = Buffer.alloc(HEAD_BYTES)
  for (const root of roots) {
    for (const folder of readDirSafe(root)) {
      if (!folder.isDirectory()) continue
      const dir = path.join(root, folder.name)
      for (const file of readDirSafe(dir)) {
        if (!file.isFile() || !file.name.endsWith('.jsonl')) continue
        const found = cwdOf(path.join(dir, file.name), head)
        if (!found) continue
        const entry = byFolder.get(found.cwd) ?? { sessions: 0, last: 0 }
        entry.sessions++
        entry.last = Math.max(entry.last, found.mtimeMs)
        byFolder.set(found.cwd, entry)
      }
    }
  }
  return [...byFolder]
    .map(([folder, { sessions, last }]) => ({ path: folder, sessions, lastActivity: new Date(last).toISOString(), exists: isFolder(folder) }))
    .sort((a, b) => b.lastActivity.localeCompare(a.lastActivity) || a.path.localeCompare(b.path))
}

function cwdOf(file: string, head: Buffer): { cwd: string; mtimeMs: number } | null {
  let fd: number
  try {
    fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NOFOLLOW ?? 0) | (fs.constants.O_NONBLOCK ?? 0))
  } catch {
    return null
  }
  try {
    const stat = fs.fstatSync(fd)
    if (!stat.isFile()) return null
    const text = head.toString('utf8', 0, fs.readSync(fd, head, 0, head.length, 0))
    // Lines cut at the 64 KB edge fail to parse and are passed over.
    for (const line of text.split('\n')) {
      if (!line.includes('"cwd"')) continue
      try {
        const cwd = (JSON.parse(line) as { cwd?: unknown }).cwd
        if (typeof cwd === 'string' && path.isAbsolute(cwd)) return { cwd: path.normalize(cwd), mtimeMs: stat.mtimeMs }
      } catch {
        // not a whole JSON line
      }
    }
    return null
  } finally {
    fs.closeSync(fd)
  }
}

function isFolder(folder: string): boolean {
  try {
    return fs.statSync(folder).isDirectory()
  } catch {
    return false
  }
}
