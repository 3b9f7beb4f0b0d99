import http, { type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { HTTP_API_PREFIX } from '../../shared/api/channels'
import type { ApiErrorCode, ApiResponse } from '../../shared/api/errors'
import type { ChangeBus } from '../api/change-bus'
import { dispatch } from '../api/dispatch'
import type { Handlers } from '../api/handler-types'
import { SECURITY_HEADERS, isAllowedHost, isSameOriginOrNone, newToken, requestToken, tokenMatches } from './security'
import { serveStatic } from './static-files'

export interface HttpServerOptions {
  handlers: Handlers
  changes: ChangeBus
  /** The built renderer (out/renderer). */
  staticDir: string
  /** 0 picks a free port. */
  port?: number
  token?: string
}

export interface RunningHttpServer {
  port: number
  token: string
  /** The server's origin, e.g. http://127.0.0.1:4312 */
  origin: string
  /** What a person opens: the UI with this start's token. */
  appUrl: string
  close(): Promise<void>
}

const MAX_BODY_BYTES = 1024 * 1024
const HEARTBEAT_MS = 25_000

const STATUS_BY_CODE: Record<ApiErrorCode, number> = {
  'invalid-input': 400,
  'unknown-endpoint': 404,
  'not-found': 404,
  conflict: 409,
  unauthorized: 401,
  forbidden: 403,
  internal: 500,
}

/**
 * The browser host: the same handlers as Electron IPC, on 127.0.0.1 only, behind a token
 * that changes at every start. Routes: POST /api/v1/call/<endpoint>, GET /api/v1/changes (SSE),
 * and the built UI on the same origin.
 */
export async function startHttpServer(options: HttpServerOptions): Promise<RunningHttpServer> {
  const token = options.token ?? newToken()
  const staticDir = path.resolve(options.staticDir)
  const sseClients = new Set<ServerResponse>()

  const server = http.createServer((req, res) => {
    handleRequest(req, res).catch((error: unknown) => {
      if (!res.headersSent) sendJson(res, 500, fail('internal', (error as Error).message))
      else res.destroy()
    })
  })

  async function handleRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!isAllowedHost(req.headers.host)) {
      sendJson(res, 421, fail('forbidden', 'Refused: the Host header must be 127.0.0.1 or localhost'))
      return
    }
    if (!isSameOriginOrNone(req)) {
      sendJson(res, 403, fail('forbidden', 'Refused: cross-origin requests are not allowed'))
      return
    }
    const url = new URL(req.url ?? '/', `http://${req.headers.host}`)
    if (!url.pathname.startsWith('/api/')) {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        sendJson(res, 405, fail('invalid-input', `${req.method} is not allowed here`))
        return
      }
      serveStatic(staticDir, url.pathname, res)
      return
    }
    if (!tokenMatches(token, requestToken(req, url))) {
      sendJson(res, 401, fail('unauthorized', 'Missing or wrong token: open the URL printed by "session-buddy serve"'))
      return
    }
    if (req.method === 'GET' && url.pathname === `${HTTP_API_PREFIX}/changes`) {
      openChangeStream(res)
      return
    }
    const callPrefix = `${HTTP_API_PREFIX}/call/`
    if (url.pathname.startsWith(callPrefix)) {
      if (req.method !== 'POST') {
        sendJson(res, 405, fail('invalid-input', 'API calls use POST'))
        return
      }
      const body = await readJsonBody(req)
      if (!body.ok) {
        sendJson(res, 400, fail('invalid-input', body.message))
        return
      }
      const result = await dispatch(options.handlers, decodeURIComponent(url.pathname.slice(callPrefix.length)), body.value)
      sendJson(res, result.ok ? 200 : STATUS_BY_CODE[result.error.code], result)
      return
    }
    sendJson(res, 404, fail('unknown-endpoint', `No API route ${url.pathname}`))
  }

  function openChangeStream(res: ServerResponse): void {
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Type': 'text/event-stream',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
    })
    res.write(': connected\n\n')
    sseClients.add(res)
    res.on('close', () => sseClients.delete(res))
  }

  const unsubscribe = options.changes.subscribe((event) => {
    const frame = `event: change\ndata: ${JSON.stringify(event)}\n\n`
    for (const client of sseClients) client.write(frame)
  })
  const heartbeat = setInterval(() => {
    for (const client of sseClients) client.write(': heartbeat\n\n')
  }, HEARTBEAT_MS)
  heartbeat.unref()

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve())
  })
  const port = (server.address() as AddressInfo).port
  const origin = `http://127.0.0.1:${port}`

  return {
    port,
    token,
    origin,
    appUrl: `${origin}/?token=${token}`,
    close: async () => {
      unsubscribe()
      clearInterval(heartbeat)
      for (const client of sseClients) client.end()
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

function fail(code: ApiErrorCode, message: string): ApiResponse<never> {
  return { ok: false, error: { code, message } }
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' })
  res.end(JSON.stringify(body))
}

async function readJsonBody(req: IncomingMessage): Promise<{ ok: true; value: unknown } | { ok: false; message: string }> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req) {
    size += (chunk as Buffer).length
    if (size > MAX_BODY_BYTES) return { ok: false, message: `Request body over ${MAX_BODY_BYTES} bytes` }
    chunks.push(chunk as Buffer)
  }
  const text = Buffer.concat(chunks).toString('utf8')
  if (text.trim() === '') return { ok: true, value: {} }
  try {
    return { ok: true, value: JSON.parse(text) }
  } catch (error) {
    return { ok: false, message: `Request body is not valid JSON: ${(error as Error).message}` }
  }
}
