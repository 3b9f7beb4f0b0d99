import crypto from 'node:crypto'
import { sessionBuddyEvent, type EventInput, type SessionBuddyEvent } from './event-schema'
import { EVENT_FORMAT_VERSION, appendEventLine } from './event-log-file'

/** An event without the fields the writer fills in. */
export type NewEvent = DistributiveOmit<EventInput, 'v' | 'id' | 'ts'> & { id?: string; ts?: string }
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never

/**
 * Appends validated events to a project's event log. Each append is one whole line in one write()
 * on a file opened for appending, and each process writes its own file, so readers never see a torn
 * line from a concurrent writer and nothing already written is ever rewritten.
 */
export class EventWriter {
  constructor(
    readonly projectPath: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  append(input: NewEvent): SessionBuddyEvent {
    const now = this.now()
    const event = sessionBuddyEvent.parse({
      ...input,
      v: EVENT_FORMAT_VERSION,
      id: input.id ?? crypto.randomUUID(),
      ts: input.ts ?? now.toISOString(),
    })
    appendEventLine(this.projectPath, event, now)
    return event
  }
}
