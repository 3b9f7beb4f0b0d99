import fs from 'node:fs'
import path from 'node:path'

export function isFile(file: string): boolean {
  try {
    return fs.statSync(file).isFile()
  } catch {
    return false
  }
}

/** Whether `child` is `folder` itself or lies inside it (by path, not by following links). */
export function isInsideFolder(child: string, folder: string): boolean {
  return child === folder || child.startsWith(folder.endsWith(path.sep) ? folder : folder + path.sep)
}

/** A folder's entries; none when it does not exist or cannot be read. */
export function readDirSafe(dir: string): fs.Dirent[] {
  try {
    return fs.readdirSync(dir, { withFileTypes: true })
  } catch {
    return []
  }
}

/** Every file below `dir` (recursively) whose name passes `keep`, sorted. */
export function listFilesDeep(dir: string, keep: (name: string) => boolean): string[] {
  const files: string[] = []
  const walk = (current: string) => {
    for (const entry of readDirSafe(current)) {
      const full = path.join(current, entry.name)
      if (entry.isDirectory()) walk(full)
      else if (entry.isFile() && keep(entry.name)) files.push(full)
    }
  }
  walk(dir)
  return files.sort()
}
