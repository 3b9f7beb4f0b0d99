import { Client } from '@modelcontextprotocol/sdk/client/index.js'
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js'
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js'
import { CLI_BIN } from './run-cli'

export interface McpTestClient {
  client: Client
  stderr: () => string
  call(name: string, args: Record<string, unknown>): Promise<CallToolResult>
  close(): Promise<void>
}

/** Spawns the built `session-buddy mcp` as a child process and connects the SDK's own client over stdio. */
export async function connectMcp(options: { dataDir: string; cwd: string; env?: Record<string, string> }): Promise<McpTestClient> {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [CLI_BIN, '--data-dir', options.dataDir, 'mcp'],
    cwd: options.cwd,
    env: { ...(process.env as Record<string, string>), SESSION_BUDDY_NO_OPEN: '1', ...options.env },
    stderr: 'pipe',
  })
  let stderr = ''
  transport.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const client = new Client({ name: 'session-buddy-tests', version: '1.0.0' })
  await client.connect(transport)
  return {
    client,
    stderr: () => stderr,
    call: (name, args) => client.callTool({ name, arguments: args }) as Promise<CallToolResult>,
    close: () => client.close(),
  }
}
