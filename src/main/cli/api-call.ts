import fs from 'node:fs'
import type { ApiInput, ApiName, ApiOutput } from '../../shared/api/contract'
import type { AppContext } from '../app-context'
import { CliError } from './cli-error'

// The app and the dispatcher (zod schemas, kysely, every service) load when a command first needs them, not
// when the CLI starts: `--help`, `emit` and `hooks` never pay for them.

/** Runs `work` with the app context for `--data-dir`, closing the database afterwards. */
export async function withContext<T>(dataDir: string | undefined, work: (context: AppContext) => Promise<T>): Promise<T> {
  checkDataDir(dataDir)
  const { openAppContext } = await import('../app-context')
  const context = await openAppContext({ dataDir })
  try {
    return await work(context)
  } finally {
    await context.close()
  }
}

/** The CLI goes through the same dispatcher as IPC and HTTP, so it validates input the same way. */
export async function callApi<N extends ApiName>(context: AppContext, name: N, input: ApiInput<N>): Promise<ApiOutput<N>> {
  const { dispatch } = await import('../api/dispatch')
  const response = await dispatch(context.handlers, name, input)
  if (!response.ok) throw new CliError(response.error.message)
  return response.data as ApiOutput<N>
}

/** --data-dir must be a folder (or not exist yet): a file there is one plain line, not a raw errno. */
export function checkDataDir(dataDir: string | undefined): void {
  if (dataDir && fs.existsSync(dataDir) && !fs.statSync(dataDir).isDirectory()) throw new CliError(`--data-dir ${dataDir} is a file, not a folder`, 2)
}
