import { afterEach } from 'vitest'
import { openAppContext, type AppContext } from '../app-context'
import { tempDir } from './temp-dir'

const open: AppContext[] = []

/** A real AppContext on a fresh SQLite file, closed after the current test. */
export async function testContext(): Promise<AppContext> {
  const context = await openAppContext({ dataDir: tempDir('session-buddy-data-') })
  open.push(context)
  return context
}

afterEach(async () => {
  for (const context of open.splice(0)) await context.close()
})
