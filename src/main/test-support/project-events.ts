import fs from 'node:fs'
import path from 'node:path'
import { eventsDir } from '../events/event-log-paths'
import { parseEventLine, type SessionBuddyEvent } from '../events/event-schema'

/** Every event in a project's log, in file order; a bad line fails the test with its reason. */
export function readProjectEvents(projectPath: string): SessionBuddyEvent[] {
  const dir = eventsDir(projectPath)
  if (!fs.existsSync(dir)) return []
  return fs
    .readdirSync(dir)
    .sort()
    .flatMap((f) => fs.readFileSync(path.join(dir, f), 'utf8').split('\n').filter(Boolean))
    .map((line) => {
      const parsed = parseEventLine(line)
      if (!parsed.ok) throw new Error(parsed.reason)
      return parsed.event
    })
}
