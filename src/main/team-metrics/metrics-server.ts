import http from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Registry } from 'prom-client'
import { tokenMatches } from '../server/security'

export interface MetricsServer {
  url: string
  close(): Promise<void>
}

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost'])
export const isLoopback = (host: string) => LOOPBACK.has(host)

const bearer = (header: string | undefined) => (header?.startsWith('Bearer ') ? header.slice('Bearer '.length).trim() : null)

/**
 * The Prometheus endpoint: its own port, GET /metrics only, and only with `Authorization: Bearer <token>`
 * (Prometheus' `authorization` in a scrape config). Anything else gets 401 or 404 and no data.
 */
export async function startMetricsServer(options: { host: string; port: number; token: () => string; registry: Registry }): Promise<MetricsServer> {
  const server = http.createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]
    if (req.method !== 'GET' || path !== '/metrics') {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found: the metrics are at GET /metrics\n')
      return
    }
    if (!tokenMatches(options.token(), bearer(req.headers.authorization))) {
      res.writeHead(401, { 'Content-Type': 'text/plain', 'WWW-Authenticate': 'Bearer' }).end('Refused: a bearer token is required (see Settings → Team metrics)\n')
      return
    }
    options.registry.metrics().then(
      (text) => res.writeHead(200, { 'Content-Type': options.registry.contentType, 'Cache-Control': 'no-store' }).end(text),
      (error: unknown) => res.writeHead(500, { 'Content-Type': 'text/plain' }).end(`metrics failed: ${(error as Error).message}\n`),
    )
  })
  server.keepAliveTimeout = 30_000
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port, options.host, () => {
      server.off('error', reject)
      resolve()
    })
  })
  const address = server.address() as AddressInfo
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address
  return {
    url: `http://${host}:${address.port}/metrics`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
