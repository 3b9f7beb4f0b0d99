import type { SessionBuddyBridge } from '../../../shared/api/bridge'
import { CHANGE_TOPICS, type ChangeEvent } from '../../../shared/api/changes'
import { HTTP_API_PREFIX } from '../../../shared/api/channels'
import type { ApiResponse } from '../../../shared/api/errors'

/** How the renderer reaches main. Chosen once at start; nothing else knows which one is in use. */
export interface Transport {
  kind: 'ipc' | 'http'
  call(name: string, input: unknown): Promise<ApiResponse<unknown>>
  subscribe(listener: (event: ChangeEvent) => void): () => void
  /** Over HTTP: told at once when the change stream to the server is lost, and when it is back. */
  onConnection?(listener: (connected: boolean) => void): () => void
  pickFolder?: () => Promise<string | null>
}

declare global {
  interface Window {
    sessionBuddy?: SessionBuddyBridge
  }
}

export function createTransport(): Transport {
  const bridge = window.sessionBuddy
  if (bridge) {
    return { kind: 'ipc', call: bridge.call, subscribe: bridge.onChange, pickFolder: bridge.pickFolder }
  }
  return createHttpTransport(takeToken())
}

const TOKEN_KEY = 'session-buddy-token'

/** The token arrives once in the URL; keep it for this tab and take it out of the address bar. */
function takeToken(): string {
  const url = new URL(window.location.href)
  const fromUrl = url.searchParams.get('token')
  if (fromUrl) {
    sessionStorage.setItem(TOKEN_KEY, fromUrl)
    url.searchParams.delete('token')
    window.history.replaceState(null, '', url.pathname + url.search + url.hash)
    return fromUrl
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? ''
}

function createHttpTransport(token: string): Transport {
  const changes = changeStream(token)
  return {
    kind: 'http',
    async call(name, input) {
      let response: Response
      try {
        response = await fetch(`${HTTP_API_PREFIX}/call/${encodeURIComponent(name)}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
          body: JSON.stringify(input ?? {}),
        })
      } catch {
        return { ok: false, error: { code: 'internal', message: 'Cannot reach the Session Buddy server: is it still running?' } }
      }
      try {
        return (await response.json()) as ApiResponse<unknown>
      } catch {
        return { ok: false, error: { code: 'internal', message: `The server answered ${response.status} without JSON` } }
      }
    },
    subscribe(listener) {
      changes.listeners.add(listener)
      changes.open()
      return () => changes.listeners.delete(listener)
    },
    onConnection(listener) {
      changes.connection.add(listener)
      changes.open()
      return () => changes.connection.delete(listener)
    },
  }
}

/** One change stream per tab, shared by every subscriber; EventSource reconnects by itself. */
function changeStream(token: string) {
  let source: EventSource | null = null
  const listeners = new Set<(event: ChangeEvent) => void>()
  const connection = new Set<(connected: boolean) => void>()
  const open = () => {
    if (source) return
    source = new EventSource(`${HTTP_API_PREFIX}/changes?token=${encodeURIComponent(token)}`)
    source.addEventListener('change', (event: MessageEvent<string>) => {
      const change = JSON.parse(event.data) as ChangeEvent
      for (const listener of listeners) listener(change)
    })
    // Changes published before the stream opened (or while it reconnected) were never seen: treat every
    // topic as changed, so a query answered just before the stream opened cannot stay stale.
    source.addEventListener('open', () => {
      for (const listener of connection) listener(true)
      const all: ChangeEvent = { topics: [...CHANGE_TOPICS], at: new Date().toISOString() }
      for (const listener of listeners) listener(all)
    })
    // Lost (the browser retries: CONNECTING) is the server gone; a refusal (a wrong token) closes the stream
    // for good, and the page's own calls say why.
    source.addEventListener('error', () => {
      if (source?.readyState !== EventSource.CONNECTING) return
      for (const listener of connection) listener(false)
    })
  }
  return { listeners, connection, open }
}
