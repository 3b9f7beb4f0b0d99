import fs from 'node:fs/promises'
import path from 'node:path'
import { CONTENT_TYPES } from '../server/static-files'
import { SECURITY_HEADERS } from '../server/security'

/** The desktop window loads the UI from app://renderer/ instead of file://, so it has an origin of its own. */
export const APP_SCHEME = 'app'
export const APP_HOST = 'renderer'
export const APP_INDEX_URL = `${APP_SCHEME}://${APP_HOST}/index.html`

export type AppFileResolution = { file: string } | { status: 400 | 403 | 404; reason: string }

/**
 * Which file under `root` an app:// URL names, or why none. Only the renderer host is served; the path is
 * decoded once and must stay inside `root` after resolving `..`, encoded separators and symlinks.
 */
export async function resolveAppFile(root: string, url: string): Promise<AppFileResolution> {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return { status: 400, reason: 'not a URL' }
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) return { status: 404, reason: `only ${APP_SCHEME}://${APP_HOST}/ is served` }
  let relative: string
  try {
    relative = decodeURIComponent(parsed.pathname)
  } catch {
    return { status: 400, reason: 'the path is not valid percent-encoding' }
  }
  if (relative.includes('\0')) return { status: 400, reason: 'the path holds a NUL byte' }
  relative = relative.replace(/^[/\\]+/, '') || 'index.html'
  const realRoot = await fs.realpath(root)
  const candidate = path.resolve(realRoot, relative)
  if (!inside(realRoot, candidate)) return { status: 403, reason: 'the path leads outside the app' }
  let real: string
  try {
    real = await fs.realpath(candidate)
    if (!(await fs.stat(real)).isFile()) return { status: 404, reason: 'not a file' }
  } catch {
    return { status: 404, reason: 'no such file' }
  }
  // A symlink inside the folder that points out of it is refused like a `..`.
  if (!inside(realRoot, real)) return { status: 403, reason: 'the path leads outside the app' }
  return { file: real }
}

/**
 * The `protocol.handle('app', …)` handler: the file with its type and the same security headers
 * (CSP `default-src 'self'`) the HTTP server sends, or a plain-text refusal.
 */
export function createAppProtocolHandler(root: string): (request: { url: string; method?: string }) => Promise<Response> {
  return async (request) => {
    if (request.method && request.method !== 'GET' && request.method !== 'HEAD') return refuse(405, 'only GET is served')
    const resolved = await resolveAppFile(root, request.url)
    if ('status' in resolved) return refuse(resolved.status, resolved.reason)
    const type = CONTENT_TYPES[path.extname(resolved.file)] ?? 'application/octet-stream'
    return new Response(new Uint8Array(await fs.readFile(resolved.file)), { status: 200, headers: { ...SECURITY_HEADERS, 'Content-Type': type } })
  }
}

function refuse(status: number, reason: string): Response {
  return new Response(`Refused: ${reason}`, { status, headers: { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' } })
}

function inside(root: string, file: string): boolean {
  return file === root || file.startsWith(root + path.sep)
}
