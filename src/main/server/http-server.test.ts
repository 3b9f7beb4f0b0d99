import fs from 'node:fs'
import http from 'node:http'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { testContext } from '../test-support/app-context'
import { ALL_ENDPOINTS, malformedInputsFor } from '../test-support/malformed-inputs'
import { makeProjectFolder, tempDir } from '../test-support/temp-dir'
import { startHttpServer, type RunningHttpServer } from './http-server'

const servers: RunningHttpServer[] = []
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close()
})

async function serve() {
  const context = await testContext()
  const staticDir = tempDir('session-buddy-ui-')
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>Session Buddy</title>')
  const server = await startHttpServer({ handlers: context.handlers, changes: context.changes, staticDir })
  servers.push(server)
  return { context, server }
}

interface RawResponse {
  status: number
  headers: http.IncomingHttpHeaders
  body: string
}

/** node:http rather than fetch, so the Host and Origin headers can be set freely. */
function request(server: RunningHttpServer, pathname: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
  return new Promise<RawResponse>((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port: server.port, path: pathname, method: options.method ?? 'GET', headers: options.headers },
      (res) => {
        let body = ''
        res.setEncoding('utf8')
        res.on('data', (chunk) => (body += chunk))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }))
      },
    )
    req.on('error', reject)
    req.end(options.body)
  })
}

const call = (server: RunningHttpServer, name: string, input: unknown, token = server.token, extra: Record<string, string> = {}) =>
  request(server, `/api/v1/call/${name}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}`, ...extra },
    body: JSON.stringify(input),
  })

describe('loopback HTTP server', () => {
  it('listens on 127.0.0.1 only and answers a valid call', async () => {
    const { server } = await serve()
    expect(server.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    const response = await call(server, 'projects-list', {})
    expect(response.status).toBe(200)
    expect(JSON.parse(response.body)).toEqual({ ok: true, data: [] })
    expect(response.headers['access-control-allow-origin']).toBeUndefined()
  })

  it('refuses a missing or wrong token', async () => {
    const { server } = await serve()
    const missing = await request(server, '/api/v1/call/projects-list', { method: 'POST', body: '{}' })
    expect(missing.status).toBe(401)
    expect(JSON.parse(missing.body).error.code).toBe('unauthorized')
    expect((await call(server, 'projects-list', {}, 'wrong-token')).status).toBe(401)
    expect((await call(server, 'projects-list', {}, server.token.slice(1))).status).toBe(401)
    expect((await request(server, `/api/v1/changes?token=nope`)).status).toBe(401)
  })

  it('refuses a foreign Host header (DNS rebinding) and cross-origin requests', async () => {
    const { server } = await serve()
    for (const host of ['evil.example', `attacker.test:${server.port}`, '127.0.0.1.evil.example']) {
      const response = await call(server, 'projects-list', {}, server.token, { Host: host })
      expect(response.status, host).toBe(421)
    }
    expect((await request(server, '/', { headers: { Host: 'evil.example' } })).status).toBe(421)
    const localhost = await call(server, 'projects-list', {}, server.token, { Host: `localhost:${server.port}` })
    expect(localhost.status).toBe(200)
    const crossOrigin = await call(server, 'projects-list', {}, server.token, { Origin: 'http://evil.example' })
    expect(crossOrigin.status).toBe(403)
  })

  it.each(ALL_ENDPOINTS)('%s rejects malformed input over HTTP with 400', async (name) => {
    const { server } = await serve()
    for (const input of malformedInputsFor(name)) {
      const response = await call(server, name, input)
      expect(response.status, JSON.stringify(input)).toBe(400)
      expect(JSON.parse(response.body)).toMatchObject({ ok: false, error: { code: 'invalid-input' } })
    }
    const notJson = await request(server, `/api/v1/call/${name}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${server.token}` },
      body: '{"path": ',
    })
    expect(notJson.status).toBe(400)
    expect(JSON.parse(notJson.body).error.message).toMatch(/not valid JSON/)
  })

  it('maps errors to statuses: unknown endpoint 404, conflict 409, GET on a call 405', async () => {
    const { server } = await serve()
    expect((await call(server, 'no-such-thing', {})).status).toBe(404)
    const folder = makeProjectFolder(tempDir(), 'svc')
    expect((await call(server, 'projects-add', { path: folder })).status).toBe(200)
    expect((await call(server, 'projects-add', { path: folder })).status).toBe(409)
    const get = await request(server, '/api/v1/call/projects-list', { headers: { Authorization: `Bearer ${server.token}` } })
    expect(get.status).toBe(405)
  })

  it('pushes change events over SSE', async () => {
    const { server } = await serve()
    const received = new Promise<string>((resolve, reject) => {
      const req = http.get({ host: '127.0.0.1', port: server.port, path: `/api/v1/changes?token=${server.token}` }, (res) => {
        expect(res.headers['content-type']).toBe('text/event-stream')
        let text = ''
        res.setEncoding('utf8')
        res.on('data', (chunk: string) => {
          text += chunk
          if (text.includes('event: change')) {
            req.destroy()
            resolve(text)
          }
        })
        // The stream is open: now cause a change.
        void call(server, 'projects-add', { path: makeProjectFolder(tempDir(), 'pushed') })
      })
      req.on('error', reject)
    })
    const text = await received
    const data = JSON.parse(text.split('data: ')[1]!.split('\n')[0]!)
    expect(data.topics).toEqual(['projects'])
  })

  it('serves the UI on the same origin with a strict CSP and never a file outside it', async () => {
    const { server } = await serve()
    const index = await request(server, '/')
    expect(index.status).toBe(200)
    expect(index.body).toContain('Session Buddy')
    expect(index.headers['content-security-policy']).toBe("default-src 'self'")
    expect(index.headers['referrer-policy']).toBe('no-referrer')
    const traversal = await request(server, '/..%2F..%2F..%2Fetc%2Fpasswd')
    expect(traversal.body).not.toContain('root:')
  })
})
