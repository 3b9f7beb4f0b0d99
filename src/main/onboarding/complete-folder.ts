import os from 'node:os'
import path from 'node:path'
import { isInsideFolder, readDirSafe } from '../system/files'

const MAX_SUGGESTIONS = 30

/**
 * Folders that complete what was typed in a path field, for the browser, which has no folder dialog.
 * Only folders under the user's home are listed (read-only; the HTTP server answers on 127.0.0.1 only,
 * to holders of its token). "~" stands for the home folder. Hidden folders are listed only when the
 * typed name starts with a dot.
 */
export function completeFolder(input: string, home = os.homedir()): string[] {
  const typed = input.startsWith('~') ? path.join(home, input.slice(1)) : input
  if (!path.isAbsolute(typed)) return []
  const endsWithSeparator = typed.endsWith(path.sep) || typed.endsWith('/')
  const dir = path.resolve(endsWithSeparator ? typed : path.dirname(typed))
  const prefix = endsWithSeparator ? '' : path.basename(typed)
  if (!isInsideFolder(dir, home)) return []
  const names = readDirSafe(dir)
  const lower = prefix.toLowerCase()
  return names
    .filter((entry) => entry.isDirectory() && entry.name.toLowerCase().startsWith(lower) && (prefix.startsWith('.') || !entry.name.startsWith('.')))
    .map((entry) => path.join(dir, entry.name))
    .sort((a, b) => a.localeCompare(b))
    .slice(0, MAX_SUGGESTIONS)
}
