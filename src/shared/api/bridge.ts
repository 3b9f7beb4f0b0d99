import type { ApiResponse } from './errors'
import type { ChangeEvent } from './changes'

/** The one object the sandboxed preload exposes to the renderer as `window.sessionBuddy`. */
export interface SessionBuddyBridge {
  call(name: string, input: unknown): Promise<ApiResponse<unknown>>
  onChange(listener: (event: ChangeEvent) => void): () => void
  /** Native folder picker; only the desktop app has one. */
  pickFolder(): Promise<string | null>
}
