import fs from 'node:fs'
import { afterEach } from 'vitest'
import { dispatch } from '../api/dispatch'
import { openAppContext, type AppContext } from '../app-context'
import { tempDir } from './temp-dir'

const open: AppContext[] = []

/**
 * A real AppContext on a fresh SQLite file, closed after the current test. The user's own
 * `~/.claude` stays out of it: skills come only from `claudeConfigDirs` (none by default).
 */
export async function testContext(options: { claudeConfigDirs?: string[] } = {}): Promise<AppContext> {
  const context = await openAppContext({ dataDir: tempDir('session-buddy-data-'), claudeConfigDirs: options.claudeConfigDirs ?? [] })
  open.push(context)
  return context
}

afterEach(async () => {
  for (const context of open.splice(0)) await context.close()
})

/** Calls an endpoint through the dispatcher every transport uses; a refused call throws with its error. */
export function apiCaller(context: AppContext) {
  return async <T>(name: string, input: unknown): Promise<T> => {
    const response = (await dispatch(context.handlers, name, input)) as { ok: boolean; data: T; error?: unknown }
    if (!response.ok) throw new Error(JSON.stringify(response.error))
    return response.data
  }
}

/** A real AppContext with one registered project at a real folder, and the caller for it. */
export async function contextWithProject() {
  const context = await testContext()
  const call = apiCaller(context)
  const project = fs.realpathSync(tempDir())
  await call('projects-add', { path: project })
  return { context, call, project }
}
