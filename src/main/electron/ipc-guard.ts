import type { ApiResponse } from '../../shared/api/errors'
import type { Handlers } from '../api/handler-types'
import { dispatch } from '../api/dispatch'

/** The parts of an IpcMainInvokeEvent the guard looks at; kept structural so it is testable without Electron. */
export interface IpcCallEvent {
  senderFrame: { url: string; parent: unknown } | null
}

/**
 * Answers an IPC call only when it comes from the main frame of our own UI
 * (the bundled renderer file, or the dev server in development).
 */
export function createIpcCallHandler(handlers: Handlers, isTrustedUrl: (url: string) => boolean) {
  return async (event: IpcCallEvent, name: unknown, input: unknown): Promise<ApiResponse<unknown>> => {
    const frame = event.senderFrame
    if (!frame || frame.parent !== null || !isTrustedUrl(frame.url)) {
      return { ok: false, error: { code: 'forbidden', message: 'Refused: IPC call from an untrusted frame' } }
    }
    return dispatch(handlers, name, input)
  }
}

/** The renderer's own URLs: the bundled index.html, or the electron-vite dev server. */
export function trustedUrlCheck(rendererFileUrl: string, devServerUrl: string | undefined): (url: string) => boolean {
  return (url) => {
    const withoutHash = url.split('#')[0]
    if (withoutHash === rendererFileUrl) return true
    return devServerUrl !== undefined && new URL(url).origin === new URL(devServerUrl).origin
  }
}
