import { PassThrough } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { boundedMessages, MAX_MCP_MESSAGE_BYTES } from './bounded-stdin'

async function run(messages: string[]): Promise<{ passed: string; answers: unknown[] }> {
  const input = new PassThrough()
  const answers: unknown[] = []
  const output = boundedMessages(input, (line) => answers.push(JSON.parse(line)), () => undefined)
  let passed = ''
  output.on('data', (chunk: Buffer) => (passed += chunk.toString()))
  const ended = new Promise((resolve) => output.on('end', resolve))
  for (const message of messages) input.write(`${message}\n`)
  input.end()
  await ended
  return { passed, answers }
}

describe('boundedMessages', () => {
  const huge = 'x'.repeat(MAX_MCP_MESSAGE_BYTES + 1)
  it('passes messages under the cap and answers an over-long one with its id, wherever the id stands', async () => {
    const { passed, answers } = await run([
      '{"jsonrpc":"2.0","id":1,"method":"ping"}',
      `{"jsonrpc":"2.0","id":"a-2","method":"tools/call","params":{"q":"${huge}"}}`,
      `{"method":"tools/call","params":{"q":"${huge}","nested":{"id":99}},"jsonrpc":"2.0","id":3}`,
      `{"method":"tools/call","params":{"q":"${huge}","nested":{"id":99}}}`,
      '{"jsonrpc":"2.0","id":4,"method":"ping"}',
    ])
    expect(passed).toBe('{"jsonrpc":"2.0","id":1,"method":"ping"}\n{"jsonrpc":"2.0","id":4,"method":"ping"}\n')
    expect(answers.map((a) => (a as { id: unknown }).id)).toEqual(['a-2', 3, null])
    expect(answers[0]).toMatchObject({ jsonrpc: '2.0', error: { code: -32600, message: expect.stringMatching(/over Session Buddy's 1048576 byte limit/) } })
  })
})
