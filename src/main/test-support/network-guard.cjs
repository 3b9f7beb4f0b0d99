// Preloaded with `node --require` (main thread and worker threads alike) by the no-network test:
// records every attempt to reach a host other than this machine, in SESSION_BUDDY_NETWORK_LOG, and
// stops it. Local sockets (loopback, Unix sockets, pipes) pass.
'use strict'
const fs = require('node:fs')
const net = require('node:net')
const dns = require('node:dns')
const dgram = require('node:dgram')

const log = process.env.SESSION_BUDDY_NETWORK_LOG
const isLocal = (host) => !host || host === 'localhost' || /^127\./.test(host) || host === '::1' || host === '0.0.0.0'
function refuse(what) {
  if (log) fs.appendFileSync(log, `${process.pid} ${what}\n`)
  return new Error(`network access blocked by the test: ${what}`)
}

const connect = net.Socket.prototype.connect
net.Socket.prototype.connect = function (...args) {
  const first = Array.isArray(args[0]) ? args[0][0] : args[0]
  const options = typeof first === 'object' && first !== null ? first : typeof first === 'number' ? { port: first, host: args[1] } : { path: first }
  if (!options.path && !isLocal(options.host)) {
    const error = refuse(`tcp ${options.host}:${options.port}`)
    process.nextTick(() => this.destroy(error))
    return this
  }
  return connect.apply(this, args)
}

for (const name of ['lookup', 'resolve', 'resolve4', 'resolve6', 'resolveAny']) {
  const original = dns[name]
  dns[name] = function (host, ...rest) {
    if (!isLocal(host)) {
      const callback = rest.find((a) => typeof a === 'function')
      const error = refuse(`dns ${host}`)
      if (callback) process.nextTick(() => callback(error))
      return undefined
    }
    return original.call(this, host, ...rest)
  }
}

const send = dgram.Socket.prototype.send
dgram.Socket.prototype.send = function (...args) {
  const host = args.find((a, i) => i > 0 && typeof a === 'string')
  if (host && !isLocal(host)) throw refuse(`udp ${host}`)
  return send.apply(this, args)
}
