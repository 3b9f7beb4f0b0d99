import path from 'node:path'
import { protocol } from 'electron'
import { APP_SCHEME, createAppProtocolHandler } from '../desktop/app-protocol'

export const RENDERER_DIR = path.join(__dirname, '../renderer')

/** Before `ready`: app:// is a standard, secure scheme, so the UI gets an origin of its own and fetch works. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }])
}

/** After `ready`: app://renderer/… serves the built UI (path checks and CSP in desktop/app-protocol.ts). */
export function serveAppScheme(): void {
  // Once per process: a start retried from the failure window comes here again.
  if (!protocol.isProtocolHandled(APP_SCHEME)) protocol.handle(APP_SCHEME, createAppProtocolHandler(RENDERER_DIR))
}
