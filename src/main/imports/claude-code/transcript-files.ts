import fs from 'node:fs'
import path from 'node:path'
import { listFilesDeep } from '../../system/files'

/** Every `*.jsonl` below the given folders (sub-agent files included), sorted so parents come first. */
export function findTranscriptFiles(roots: string[]): string[] {
  const files = roots.flatMap((root) => (fs.existsSync(root) && fs.statSync(root).isFile() ? [path.resolve(root)] : listFilesDeep(path.resolve(root), (name) => name.endsWith('.jsonl'))))
  return [...new Set(files)].sort()
}
