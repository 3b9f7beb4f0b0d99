import path from 'node:path'
import type { Command } from 'commander'
import { packageRoot } from '../../system/package-root'
import { CliError } from '../cli-error'
import type { GlobalOptions } from '../program'
import { checkDataDir } from '../api-call'
import { isLoopback } from '../../team-metrics/metrics-server'

interface ServeOptions {
  port: string
  open?: boolean
  json?: boolean
  maxLifetime?: string
  metricsPort?: string
  metricsHost?: string
}

export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('serve the Session Buddy UI on 127.0.0.1 (for use in a browser)')
    .option('-p, --port <port>', 'port on 127.0.0.1 (0 picks a free one)', '0')
    .option('--open', 'open the UI in the default browser when a display is present')
    .option('--json', 'print the address and token as one JSON line')
    .option('--max-lifetime <seconds>', 'stop by itself after this many seconds (for tests and scripts)')
    .option('--metrics-port <port>', 'serve team metrics for Prometheus on this port (bearer token in the data folder\'s metrics-token file)')
    .option('--metrics-host <address>', 'address for --metrics-port (default 127.0.0.1; another one exposes the metrics beyond this machine)')
    .action(async (options: ServeOptions, command: Command) => {
      const { dataDir } = command.optsWithGlobals<GlobalOptions>()
      const port = Number(options.port)
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new CliError(`--port must be a whole number from 0 to 65535, not "${options.port}"`)

      const metricsPort = options.metricsPort === undefined ? undefined : Number(options.metricsPort)
      if (metricsPort !== undefined && (!Number.isInteger(metricsPort) || metricsPort < 1 || metricsPort > 65535)) {
        throw new CliError(`--metrics-port must be a whole number from 1 to 65535, not "${options.metricsPort}"`)
      }
      if (options.metricsHost && metricsPort === undefined) throw new CliError('--metrics-host needs --metrics-port')
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

      await context.startBackgroundWork({ metricsPort, metricsHost: options.metricsHost })
      if (metricsPort !== undefined) {
        const metrics = context.teamMetrics.endpointStatus()
        if (options.metricsHost && !isLoopback(options.metricsHost)) {
          process.stderr.write(`session-buddy: warning: team metrics listen on ${options.metricsHost}, reachable beyond this machine (with the token)\n`)
        }
        process.stderr.write(
          metrics.url
            ? `Team metrics for Prometheus: ${metrics.url} (bearer token in ${metrics.tokenFile})\n`
            : `session-buddy: team metrics endpoint not started: ${metrics.error}\n`,
        )
      }

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
