import type { Command } from 'commander'
import { callApi, withContext } from '../api-call'
import { CliError } from '../cli-error'
import { printJson, printTable } from '../output'
import type { GlobalOptions } from '../program'
import { projectIdOption } from '../project-option'

/** `usage`: tokens and cost per session, like `ccusage session` (same JSON field names). */
export function registerUsageCommand(program: Command): void {
  program
    .command('usage')
    .description('tokens and cost per session in registered projects, from Claude Code transcripts (JSON shaped like ccusage session --json)')
    .option('--project <dir>', 'only this registered project')
    .option('--since <day>', 'only replies from this day on (YYYY-MM-DD, UTC)')
    .option('--json', 'print sessions and totals as JSON')
    .action(async (options: { project?: string; since?: string; json?: boolean }, command: Command) => {
      const { dataDir } = command.optsWithGlobals<GlobalOptions>()
      if (options.since !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(options.since)) throw new CliError(`--since must be a day as YYYY-MM-DD, not "${options.since}"`, 2)
      const report = await withContext(dataDir, async (context) => {
        const projectId = await projectIdOption(context, options.project)
        // Transcripts are read up to their end first; nothing new costs a few milliseconds.
        await callApi(context, 'import-run', { source: 'claude-code', projectId })
        return callApi(context, 'usage-sessions', { projectId, since: options.since })
      })
      if (options.json) return printJson(report)
      if (report.sessions.length === 0) return void process.stdout.write('No token usage recorded yet: register a project and import its Claude Code history.\n')
      const n = (x: number) => x.toLocaleString('en-US')
      const usd = (x: number) => `$${x.toFixed(2)}`
      printTable(
        ['SESSION', 'LAST ACTIVE', 'INPUT', 'OUTPUT', 'CACHE WRITE', 'CACHE READ', 'TOTAL', 'COST', 'MODELS'],
        report.sessions.map((s) => [s.sessionId, s.lastActivity, n(s.inputTokens), n(s.outputTokens), n(s.cacheCreationTokens), n(s.cacheReadTokens), n(s.totalTokens), `${usd(s.totalCost)}${s.unpricedModels.length ? '*' : ''}`, s.modelsUsed.join(', ')]),
      )
      const t = report.totals
      process.stdout.write(`Total: ${n(t.totalTokens)} tokens, ${usd(t.totalCost)} at prices of ${report.prices.asOf}${report.prices.overridden ? ' (with your prices.json)' : ''}.\n`)
      if (t.unpricedModels.length) process.stdout.write(`* No price is known for ${t.unpricedModels.join(', ')}: counted as $0. Add it to prices.json in the data folder.\n`)
    })
}
