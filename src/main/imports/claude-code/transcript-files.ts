import fs from 'node:fs'
import path from 'node:path'

/** Every `*.jsonl` below the given folders (sub-agent files included), sorted so parents come first. */
export function findTranscriptFiles(roots: string[]): string[] {
  const files: string[] = []
  const walk = (dir: string) => {
    let entries: fs.Dirent[]
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true })
    } catch {
      return
    }
    for (const entry of entries) {
      const full = path.join(dir, entry.name)
      if (entry.isDirectory()) walk(full)
      else if (entry.isFile() && entry.name.endsWith('.jsonl')) files.push(full)
    }
  }
  for (const root of roots) {
    if (fs.existsSync(root) && fs.statSync(root).isFile()) files.push(path.resolve(root))
    else walk(path.resolve(root))
  }
  return [...new Set(files)].sort()
}
