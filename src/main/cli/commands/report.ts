import fs from 'node:fs'
import path from 'node:path'
import type { Command } from 'commander'
import { callApi, withContext } from '../api-call'
import { CliError } from '../cli-error'
import type { GlobalOptions } from '../program'
import type { ReportFormat } from '../../../shared/api/insights'

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
      writeOut(options.out, result.content)
    })

  report
    .command('insights')
    .description('cross-project insights of the projects you included; aggregates only unless you add --include-* options')
    .option('--format <format>', 'md, html, pdf, csv or json', 'md')
    .option('--out <file>', 'write to this file (required for pdf) instead of standard output')
    .option('--days <n>', 'the last N days (default: all time)')
    .option('--include-project-names', 'real project names instead of stable pseudonyms')
    .option('--include-paths', 'list project folders')
    .option('--include-prompts', 'example requests behind the most used skills (only from projects that allow storing prompts)')
    .action(async (options: InsightsReportOptions, command: Command) => {
      if (!REPORT_FORMATS.includes(options.format as ReportFormat)) throw new CliError(`--format must be one of ${REPORT_FORMATS.join(', ')}, not "${options.format}"`, 2)
      const days = options.days === undefined ? undefined : Number(options.days)
      if (days !== undefined && (!Number.isInteger(days) || days < 1 || days > 3650)) throw new CliError(`--days must be a whole number from 1 to 3650, not "${options.days}"`, 2)
      if (options.format === 'pdf' && !options.out) throw new CliError('a PDF goes to a file: add --out report.pdf', 2)
      const { dataDir } = command.optsWithGlobals<GlobalOptions>()
      const file = await withContext(dataDir, async (context) => {
        await callApi(context, 'ingest-run', {})
        return callApi(context, 'insights-report', {
          format: options.format as ReportFormat,
          ...(days ? { days } : {}),
          includeProjectNames: options.includeProjectNames ?? false,
          includePaths: options.includePaths ?? false,
          includePrompts: options.includePrompts ?? false,
        })
      })
      const content = Buffer.from(file.content, file.encoding === 'base64' ? 'base64' : 'utf8')
      if (!options.out) return void process.stdout.write(content)
      writeOut(options.out, content)
    })
}

const REPORT_FORMATS: ReportFormat[] = ['md', 'html', 'pdf', 'csv', 'json']

interface InsightsReportOptions {
  format: string
  out?: string
  days?: string
  includeProjectNames?: boolean
  includePaths?: boolean
  includePrompts?: boolean
}

/** Writes a report where --out says; a missing folder or a folder in the way is one plain line, not an errno. */
function writeOut(out: string, content: string | Uint8Array): void {
  const file = path.resolve(out)
  if (!fs.existsSync(path.dirname(file))) throw new CliError(`--out ${out}: the folder ${path.dirname(file)} does not exist`, 2)
  if (fs.existsSync(file) && fs.statSync(file).isDirectory()) throw new CliError(`--out ${out}: that is a folder; name a file`, 2)
  try {
    fs.writeFileSync(file, content)
  } catch (error) {
    throw new CliError(`--out ${out}: cannot write it (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`, 1)
  }
  process.stderr.write(`Wrote ${file}\n`)
}
