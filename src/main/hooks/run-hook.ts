import fs from 'node:fs'
import path from 'node:path'
import { appendEventLine } from '../events/event-log-file'
import { SESSION_BUDDY_DIR } from '../events/event-log-paths'
import { resolveDataDir } from '../storage/data-dir'
import { eventsForHook, type HookPayload } from './hook-payload'
import { hasProjectHooks, isRegisteredFolder, noteUnregisteredFolder } from './plugin-consent'

/**
 * `session-buddy hook [--plugin]`: one Claude Code hook payload on stdin → events in the project's log.
 * With `--plugin` (the Claude Code plugin's hooks), only in folders of registered projects.
 * It must never disturb the assistant: it always exits 0, prints nothing on stdout, and writes any
 * failure to `<project>/.session-buddy/hook-errors.log`.
 */
export function runHook(stdin: string, env: NodeJS.ProcessEnv = process.env, options: { plugin?: boolean } = {}): void {
  let projectPath = env.CLAUDE_PROJECT_DIR || process.cwd()
  try {
    const payload = JSON.parse(stdin) as HookPayload
    if (typeof payload !== 'object' || payload === null) throw new Error('hook payload is not a JSON object')
    projectPath = env.CLAUDE_PROJECT_DIR || payload.cwd || projectPath
    // The plugin's hooks run in every folder Claude Code opens: record only where the user registered the project.
    if (options.plugin) {
      const dataDir = resolveDataDir({ env })
      if (!isRegisteredFolder(dataDir, projectPath)) return noteUnregisteredFolder(dataDir, projectPath)
      // The project's own hooks (`hooks install`) record this event already: once is enough.
      if (hasProjectHooks(projectPath)) return
    }
    const now = new Date()
    for (const event of eventsForHook(payload, projectPath)) appendEventLine(projectPath, event, now)
  } catch (error) {
    try {
      const dir = path.join(projectPath, SESSION_BUDDY_DIR)
      fs.mkdirSync(dir, { recursive: true })
      const excerpt = stdin.slice(0, 300).replace(/\s+/g, ' ')
      fs.appendFileSync(path.join(dir, 'hook-errors.log'), `${new Date().toISOString()} ${(error as Error).message} | payload: ${excerpt}\n`)
    } catch {
      // Nowhere to write: stay silent rather than break the assistant.
    }
  }
}
