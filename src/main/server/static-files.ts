import fs from 'node:fs'
import path from 'node:path'
import type { ServerResponse } from 'node:http'
import { isFile } from '../system/files'
import { SECURITY_HEADERS } from './security'

export const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
}

/** Serves the built renderer; never a file outside `root`. Unknown paths get index.html (client routing). */
export function serveStatic(root: string, pathname: string, res: ServerResponse): void {
  const relative = decodeURIComponent(pathname).replace(/^\/+/, '') || 'index.html'
  let file = path.resolve(root, relative)
  if (file !== root && !file.startsWith(root + path.sep)) {
    res.writeHead(403, SECURITY_HEADERS).end('Forbidden')
    return
  }
  if (!isFile(file)) file = path.join(root, 'index.html')
  if (!isFile(file)) {
    res.writeHead(500, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain' })
    res.end(`The UI is not built (no ${file}): run "npm run build" first`)
    return
  }
  const type = CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream'
  const cache = file.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache'
  res.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': type, 'Cache-Control': cache })
  fs.createReadStream(file).pipe(res)
}
