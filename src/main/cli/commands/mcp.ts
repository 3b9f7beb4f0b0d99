import type { Command } from 'commander'
import type { GlobalOptions } from '../program'
import { checkDataDir } from '../api-call'

export function registerMcpCommand(program: Command): void {
  program
    .command('mcp')
    .description('run the MCP server over stdio (for Claude Code: claude mcp add session-buddy -- npx session-buddy mcp)')
    .option('--project <dir>', 'the project tools default to (default: the current folder)')
    .action(async (options: { project?: string }, command: Command) => {
      // stdout carries the protocol: anything else printed there would break it.
      console.log = console.error
      console.info = console.error
      console.debug = console.error
      const { dataDir } = command.optsWithGlobals<GlobalOptions>()
      checkDataDir(dataDir)
      const { openAppContext } = await import('../../app-context')
      const app = await openAppContext({ dataDir })
      await app.startBackgroundWork()
      // Loaded here, not at the top: every other command starts faster without the MCP SDK.
      const [{ StdioServerTransport }, { createMcpServer }, { boundedMessages }] = await Promise.all([
        import('@modelcontextprotocol/sdk/server/stdio.js'),
        import('../../mcp/mcp-server'),
        import('../../mcp/bounded-stdin'),
      ])
      const server = createMcpServer(app, options.project ?? process.cwd())
      const input = boundedMessages(process.stdin, (line) => process.stdout.write(line), (line) => process.stderr.write(`${line}\n`))
      const transport = new StdioServerTransport(input, process.stdout)
      const closed = new Promise<void>((resolve) => {
        transport.onclose = resolve
        process.stdin.once('end', resolve)
      })
      await server.connect(transport)
      process.stderr.write(`session-buddy mcp: ready (data in ${app.dataDir})\n`)
      await closed
      await server.close()
      await app.close()
    })
}
