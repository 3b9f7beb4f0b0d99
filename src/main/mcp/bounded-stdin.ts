import { PassThrough, type Readable } from 'node:stream'
import { LineSplitter } from '../ingest/line-splitter'

/** The largest MCP message read. Tool arguments are small; the SDK itself gives up (and closes) past 10 MB. */
export const MAX_MCP_MESSAGE_BYTES = 1024 * 1024
const HEAD_BYTES = 64 * 1024

/**
 * Stands between stdin and the SDK's stdio transport. Messages (one JSON-RPC message a line) up to the cap
 * pass through; a longer one is never buffered whole: it is dropped as it streams past and answered with
 * a JSON-RPC error carrying its id when the start of the message names one, so the client does not wait
 * forever and the server goes on serving. (The SDK's own buffer closed the transport, and the server exited
 * without a word, on any message over 10 MB.)
 */
export function boundedMessages(input: Readable, answer: (line: string) => void, log: (line: string) => void): Readable {
  const output = new PassThrough()
  const splitter = new LineSplitter(MAX_MCP_MESSAGE_BYTES, 0, HEAD_BYTES)
  let position = 0
  input.on('data', (chunk: Buffer) => {
    for (const cut of splitter.push(chunk, position)) {
      if (cut.kind === 'line') {
        output.write(`${cut.text}\n`)
        continue
      }
      const id = requestId(cut.head.toString('utf8'), cut.tail.toString('utf8'))
      log(`session-buddy mcp: message ${cut.line} of ${cut.bytes} bytes is over the ${MAX_MCP_MESSAGE_BYTES} byte limit: ignored`)
      answer(`${JSON.stringify({ jsonrpc: '2.0', id, error: { code: -32600, message: `Message of ${cut.bytes} bytes is over Session Buddy's ${MAX_MCP_MESSAGE_BYTES} byte limit: ignored` } })}\n`)
    }
    position += chunk.length
  })
  input.on('end', () => output.end())
  input.on('error', (error) => output.destroy(error))
  return output
}

const ID = String.raw`"id"\s*:\s*(-?\d+|"(?:[^"\\]|\\.)*")`
/** First among the leading members (`{"jsonrpc":"2.0","id":3,...`), or the last member (the SDK writes `...,"id":3}`). */
const ID_AT_START = new RegExp(String.raw`^\s*\{(?:\s*"(?:jsonrpc|method)"\s*:\s*"[^"]*"\s*,)*\s*` + ID)
const ID_AT_END = new RegExp(String.raw`,\s*` + ID + String.raw`\s*\}\s*$`)

/** The request's id, when the message's top level shows one at either end (JSON-RPC: null when it cannot be told). */
function requestId(head: string, tail: string): string | number | null {
  const found = ID_AT_START.exec(head)?.[1] ?? ID_AT_END.exec(tail)?.[1]
  if (found === undefined) return null
  return found.startsWith('"') ? (JSON.parse(found) as string) : Number(found)
}
