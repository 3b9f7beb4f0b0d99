import crypto from 'node:crypto'
import type { IncomingMessage } from 'node:http'

const LOOPBACK_HOSTNAMES = new Set(['127.0.0.1', 'localhost'])

export function newToken(): string {
  return crypto.randomBytes(24).toString('base64url')
}

/** Refuses foreign Host headers, so a DNS-rebinding page cannot reach the server by a name it controls. */
export function isAllowedHost(hostHeader: string | undefined): boolean {
  if (!hostHeader) return false
  const hostname = hostHeader.replace(/:\d+$/, '').toLowerCase()
  return LOOPBACK_HOSTNAMES.has(hostname)
}

/** No CORS: a request that says it comes from another origin is refused outright. */
export function isSameOriginOrNone(req: IncomingMessage): boolean {
  const origin = req.headers.origin
  if (!origin) return true
  try {
    const url = new URL(origin)
    return LOOPBACK_HOSTNAMES.has(url.hostname) && url.host === req.headers.host
  } catch {
    return false
  }
}

export function tokenMatches(expected: string, given: string | null | undefined): boolean {
  if (!given) return false
  const a = Buffer.from(expected)
  const b = Buffer.from(given)
  return a.length === b.length && crypto.timingSafeEqual(a, b)
}

/** The token from `Authorization: Bearer …`, or from `?token=` for EventSource, which cannot set headers. */
export function requestToken(req: IncomingMessage, url: URL): string | null {
  const auth = req.headers.authorization
  if (auth?.startsWith('Bearer ')) return auth.slice('Bearer '.length).trim()
  return url.searchParams.get('token')
}

export const SECURITY_HEADERS = {
  'Content-Security-Policy': "default-src 'self'",
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  // The token travels in the first URL; never leak it to another site.
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Resource-Policy': 'same-origin',
} as const
