import type { AppContext } from '../app-context'
import { callApi } from './api-call'
import { CliError } from './cli-error'

/** `--project DIR` → the registered project's id; undefined when the option is absent (all projects). */
export async function projectIdOption(context: AppContext, dir: string | undefined): Promise<number | undefined> {
  if (dir === undefined) return undefined
  let folder: string
  const { validateProjectFolder } = await import('../projects/project.service')
  try {
    folder = validateProjectFolder(dir)
  } catch (error) {
    throw new CliError((error as Error).message)
  }
  const project = (await callApi(context, 'projects-list', {})).find((p) => p.path === folder)
  if (!project) throw new CliError(`${folder} is not registered: add it first with "session-buddy projects add ${dir}"`)
  return project.id
}
