import { afterEach } from 'vitest'
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
