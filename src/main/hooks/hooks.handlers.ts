import fs from 'node:fs'
import path from 'node:path'
import { diffLines } from 'diff'
import type { Kysely } from 'kysely'
import type { HooksPreviewView } from '../../shared/api/projects'
import { ApiError } from '../../shared/api/errors'
import type { DomainHandlers } from '../api/handler-types'
import type { Database } from '../storage/schema'
import { packageRoot } from '../system/package-root'
import { defaultHookCommand, hooksInstalled, readSettings, settingsFile, settingsText, withHooksInstalled, withHooksRemoved, writeSettings } from './claude-settings'

type Action = 'install' | 'uninstall'

/** The hooks install from the app: the same change as `session-buddy hooks install`, previewed first. */
export function createHooksHandlers(db: Kysely<Database>, hookCommand = defaultHookCommand(path.join(packageRoot(), 'bin', 'session-buddy.js'))): DomainHandlers<'hooks-preview' | 'hooks-apply'> {
  const plan = async (projectId: number, action: Action) => {
    const project = await db.selectFrom('projects').select('path').where('id', '=', projectId).executeTakeFirst()
    if (!project) throw new ApiError('not-found', `no project with id ${projectId}`)
    if (!fs.existsSync(project.path)) throw new ApiError('conflict', `the project folder is gone: ${project.path}`)
    const file = settingsFile(project.path)
    let before
    try {
      before = readSettings(file)
    } catch (error) {
      throw new ApiError('invalid-input', (error as Error).message)
    }
    const after = action === 'install' ? withHooksInstalled(before, hookCommand) : withHooksRemoved(before)
    return { file, before, after }
  }
  return {
    'hooks-preview': async ({ projectId, action }): Promise<HooksPreviewView> => {
      const { file, before, after } = await plan(projectId, action)
      const current = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : ''
      const changed = JSON.stringify(before) !== JSON.stringify(after)
      // The file is rewritten as formatted JSON: the diff is against what is on disk now.
      const parts = diffLines(current, changed ? settingsText(after) : current)
      const diff = parts.flatMap((part) =>
        part.value
          .replace(/\n$/, '')
          .split('\n')
          .map((text) => ({ change: part.added ? ('added' as const) : part.removed ? ('removed' as const) : ('same' as const), text })),
      )
      return { projectId, file, installed: hooksInstalled(before), changed, diff: current || changed ? diff : [] }
    },
    'hooks-apply': async ({ projectId, action }) => {
      const { file, before, after } = await plan(projectId, action)
      const { changed, backup } = writeSettings(file, before, after)
      return { file, changed, backup, installed: hooksInstalled(after) }
    },
  }
}
