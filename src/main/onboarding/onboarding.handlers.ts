import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Kysely } from 'kysely'
import type { DomainHandlers } from '../api/handler-types'
import type { Database } from '../storage/schema'
import { isInsideFolder } from '../system/files'
import { completeFolder } from './complete-folder'
import { detectProjectFolders } from './detect-project-folders'

/** The first run: which folders Claude Code worked in (from its transcripts), and folder completion for the browser. */
export function createOnboardingHandlers(db: Kysely<Database>, transcriptRoots: string[], home = os.homedir()): DomainHandlers<'onboarding-detect' | 'folders-complete'> {
  return {
    'onboarding-detect': async () => {
      const registered = (await db.selectFrom('projects').select('path').execute()).map((p) => p.path)
      return {
        transcriptRoots: transcriptRoots.map((dir) => ({ dir, exists: fs.existsSync(dir) })),
        home,
        folders: detectProjectFolders(transcriptRoots).map((f) => ({ ...f, name: path.basename(f.path), registered: registered.some((p) => isInsideFolder(f.path, p)) })),
      }
    },
    'folders-complete': async ({ input }) => ({ folders: completeFolder(input, home) }),
  }
}
