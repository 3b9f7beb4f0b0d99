import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Kysely } from 'kysely'
import type { DomainHandlers } from '../api/handler-types'
import type { Database } from '../storage/schema'
import { isInsideFolder } from '../system/files'
import { seenUnregisteredFolders } from '../hooks/plugin-consent'
import { completeFolder } from './complete-folder'
import { detectProjectFolders } from './detect-project-folders'

/** The first run: which folders Claude Code worked in (from its transcripts), and folder completion for the browser. */
export function createOnboardingHandlers(
  db: Kysely<Database>,
  transcriptRoots: string[],
  options: { home?: string; dataDir?: string } = {},
): DomainHandlers<'onboarding-detect' | 'folders-complete'> {
  const home = options.home ?? os.homedir()
  return {
    'onboarding-detect': async () => {
      const registered = (await db.selectFrom('projects').select('path').execute()).map((p) => p.path)
      const isRegistered = (folder: string) => registered.some((p) => isInsideFolder(folder, p))
      const seen = new Map((options.dataDir ? seenUnregisteredFolders(options.dataDir) : []).map((s) => [s.path, s.seenAt]))
      const detected = detectProjectFolders(transcriptRoots).map((f) => ({ ...f, name: path.basename(f.path), registered: isRegistered(f.path), seenByPlugin: seen.has(f.path) }))
      // Folders only the plugin's hook saw (no transcript names them yet) are offered too.
      const pluginOnly = [...seen]
        .filter(([folder]) => !detected.some((f) => f.path === folder))
        .map(([folder, seenAt]) => ({ path: folder, name: path.basename(folder), sessions: 0, lastActivity: seenAt, exists: fs.existsSync(folder), registered: isRegistered(folder), seenByPlugin: true }))
      return {
        transcriptRoots: transcriptRoots.map((dir) => ({ dir, exists: fs.existsSync(dir) })),
        home,
        folders: [...detected, ...pluginOnly],
      }
    },
    'folders-complete': async ({ input }) => ({ folders: completeFolder(input, home) }),
  }
}
