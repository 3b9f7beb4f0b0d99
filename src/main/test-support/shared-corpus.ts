import fs from 'node:fs'
import path from 'node:path'
import { packageRoot } from '../system/package-root'

/**
 * `../shared` beside the checkout holds real public data (skills, transcripts, legacy files) that
 * developers and CI have and a user's clone does not. Tests that need it skip with this message.
 */
export const SHARED_DIR = path.resolve(packageRoot(), '..', 'shared')
export const SHARED_AVAILABLE = fs.existsSync(path.join(SHARED_DIR, 'corpus'))
export const SHARED_SKIP_MESSAGE = `skipped: ${SHARED_DIR} (the shared corpus) is not present in this checkout`

export function corpusPath(...parts: string[]): string {
  return path.join(SHARED_DIR, 'corpus', ...parts)
}

if (!SHARED_AVAILABLE) console.warn(SHARED_SKIP_MESSAGE)
