import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Kysely } from 'kysely'
import { ApiError } from '../../shared/api/errors'
import type { ProjectView, ReadPathsView } from '../../shared/api/projects'
import type { ApiParsedInput } from '../../shared/api/contract'
import type { ChangeBus } from '../api/change-bus'
import type { DomainHandlers } from '../api/handler-types'
import type { Database, SqlBoolean } from '../storage/schema'
import { detectProjectType } from './project-type'
import { projectReadPaths } from './read-paths'
import * as repo from './project.repository'

/** Turns user input into the canonical folder path, or says clearly why it cannot be a project. */
export function validateProjectFolder(input: string): string {
  const expanded = input.startsWith('~') ? path.join(os.homedir(), input.slice(1)) : input
  const resolved = path.resolve(expanded)
  let stat: fs.Stats
  try {
    stat = fs.statSync(resolved)
  } catch {
    throw new ApiError('invalid-input', `No folder at ${resolved}: check the path and try again`)
  }
  if (!stat.isDirectory()) throw new ApiError('invalid-input', `${resolved} is a file, not a folder: choose the project's folder`)
  return fs.realpathSync(resolved)
}

const bit = (value: boolean): SqlBoolean => (value ? 1 : 0)

export function createProjectHandlers(
  db: Kysely<Database>,
  changes: ChangeBus,
  /** Called after text was erased from the database (a removal, a prompt purge): backups must not keep it. */
  afterErase: () => Promise<unknown> = async () => undefined,
): DomainHandlers<'projects-list' | 'projects-preview' | 'projects-add' | 'projects-update' | 'projects-remove'> {
  const view = async (row: Awaited<ReturnType<typeof repo.findProjectById>> & object): Promise<ProjectView> =>
    repo.toProjectView(row, await repo.countProjectRows(db, row.id))

  const requireProject = async (id: number) => {
    const row = await repo.findProjectById(db, id)
    if (!row) throw new ApiError('not-found', `No project with id ${id}: it may have been removed already`)
    return row
  }

  return {
    'projects-list': async () => {
      const counts = await repo.countRowsByProject(db)
      return (await repo.listProjectRows(db)).map((row) => repo.toProjectView(row, counts.get(row.id) ?? { ...repo.NO_ROWS }))
    },

    'projects-preview': async ({ path: input }): Promise<ReadPathsView> => {
      const folder = validateProjectFolder(input)
      return {
        path: folder,
        name: path.basename(folder),
        projectType: detectProjectType(folder),
        readPaths: projectReadPaths(folder),
      }
    },

    'projects-add': async (input: ApiParsedInput<'projects-add'>) => {
      const folder = validateProjectFolder(input.path)
      const existing = await repo.findProjectByPath(db, folder)
      if (existing) throw new ApiError('conflict', `${folder} is already registered (as "${existing.name}")`)
      const now = new Date().toISOString()
      const row = await repo.insertProject(db, {
        path: folder,
        name: path.basename(folder),
        project_type: detectProjectType(folder),
        track: bit(input.track ?? true),
        include_in_insights: bit(input.includeInInsights ?? true),
        store_prompts: bit(input.storePrompts ?? false),
        registered_at: now,
        updated_at: now,
      })
      changes.publish('projects')
      return view(row)
    },

    'projects-update': async ({ id, track, includeInInsights, storePrompts }) => {
      await requireProject(id)
      const row = await repo.updateProject(db, id, {
        ...(track === undefined ? {} : { track: bit(track) }),
        ...(includeInInsights === undefined ? {} : { include_in_insights: bit(includeInInsights) }),
        ...(storePrompts === undefined ? {} : { store_prompts: bit(storePrompts) }),
        updated_at: new Date().toISOString(),
      })
      // Switching prompt storage off also deletes the prompt text stored so far (the UI asks first).
      if (storePrompts === false && (await repo.purgePrompts(db, id)) > 0) {
        await afterErase()
        changes.publish('sessions')
      }
      changes.publish('projects')
      return view(row)
    },

    'projects-remove': async ({ id }) => {
      const removed = await view(await requireProject(id))
      await repo.deleteProject(db, id)
      await afterErase()
      changes.publish('projects', 'sessions', 'skills', 'ingest')
      return { removed }
    },
  }
}
