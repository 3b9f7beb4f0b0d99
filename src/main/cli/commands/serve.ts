import path from 'node:path'
import type { Command } from 'commander'
import { packageRoot } from '../../system/package-root'
import { CliError } from '../cli-error'
import type { GlobalOptions } from '../program'
import { checkDataDir } from '../api-call'

interface ServeOptions {
  port: string
  open?: boolean
  json?: boolean
  maxLifetime?: string
}

export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('serve the Session Buddy UI on 127.0.0.1 (for use in a browser)')
    .option('-p, --port <port>', 'port on 127.0.0.1 (0 picks a free one)', '0')
    .option('--open', 'open the UI in the default browser when a display is present')
    .option('--json', 'print the address and token as one JSON line')
    .option('--max-lifetime <seconds>', 'stop by itself after this many seconds (for tests and scripts)')
    .action(async (options: ServeOptions, command: Command) => {
      const { dataDir } = command.optsWithGlobals<GlobalOptions>()
      const port = Number(options.port)
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new CliError(`--port must be a whole number from 0 to 65535, not "${options.port}"`)

      checkDataDir(dataDir)
      const [{ openAppContext }, { startHttpServer }, { openExternal }] = await Promise.all([
        import('../../app-context'),
        import('../../server/http-server'),
        import('../../system/open-external'),
      ])
      const context = await openAppContext({ dataDir })
      const server = await startHttpServer({
        handlers: context.handlers,
        changes: context.changes,
        staticDir: path.join(packageRoot(), 'out', 'renderer'),
        port,
      }).catch(async (error: Error) => {
        await context.close()
        throw new CliError(`Cannot listen on 127.0.0.1:${port}: ${error.message}`)
      })

      await context.startBackgroundWork()

      if (options.json) {
        process.stdout.write(`${JSON.stringify({ url: server.appUrl, origin: server.origin, port: server.port, token: server.token, dataDir: context.dataDir })}\n`)
      } else {
        process.stdout.write(`Session Buddy is serving on 127.0.0.1 only. Open:\n  ${server.appUrl}\nData: ${context.dataDir}\nPress Ctrl+C to stop.\n`)
      }
      if (options.open) openExternal(server.appUrl)

      const stop = async () => {
        await server.close()
        await context.close()
        process.exit(0)
      }
      process.once('SIGINT', () => void stop())
      process.once('SIGTERM', () => void stop())
      if (options.maxLifetime) setTimeout(() => void stop(), Number(options.maxLifetime) * 1000).unref()
      // Keep running until a signal arrives; the server holds the event loop open.
    })
}
