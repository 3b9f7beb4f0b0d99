import fs from 'node:fs'
import path from 'node:path'
import type { Command } from 'commander'
import { callApi, withContext } from '../api-call'
import { CliError } from '../cli-error'
import type { GlobalOptions } from '../program'

export function registerReportCommands(program: Command): void {
  const report = program.command('report').description('write reports')
  report
    .command('session')
    .description("a session's correlation report: skills against workflow runs, pattern, idle time")
    .argument('<session-id>', 'the session id (see "session-buddy sessions")')
    .option('--format <format>', 'md or json', 'md')
    .option('--out <file>', 'write to this file instead of standard output')
    .action(async (sessionId: string, options: { format: string; out?: string }, command: Command) => {
      if (options.format !== 'md' && options.format !== 'json') throw new CliError(`--format must be md or json, not "${options.format}"`)
      const { dataDir } = command.optsWithGlobals<GlobalOptions>()
      const result = await withContext(dataDir, async (context) => {
        await callApi(context, 'ingest-run', {})
        return callApi(context, 'session-report', { sessionId, format: options.format as 'md' | 'json' })
      })
      if (!options.out) return void process.stdout.write(result.content)
      fs.writeFileSync(path.resolve(options.out), result.content)
      process.stderr.write(`Wrote ${path.resolve(options.out)}\n`)
    })
}
