import type { Command } from 'commander'
import { callApi, withContext } from '../api-call'
import { CliError } from '../cli-error'
import { printJson } from '../output'
import type { GlobalOptions } from '../program'

/** `coverage`: catalogue health, as on the Coverage page. */
export function registerCoverageCommand(program: Command): void {
  program
    .command('coverage')
    .description('skills that never ran, skills that mostly fail, and description lint with suggestions')
    .option('--days <n>', 'runs of the last N days (default: all time)')
    .option('--included', 'count runs of projects included in insights only (default: every registered project)')
    .option('--json', 'print it as JSON')
    .action(async (options: { days?: string; included?: boolean; json?: boolean }, command: Command) => {
      const { dataDir } = command.optsWithGlobals<GlobalOptions>()
      const days = options.days === undefined ? undefined : Number(options.days)
      if (days !== undefined && (!Number.isInteger(days) || days < 1 || days > 3650)) throw new CliError(`--days must be a whole number from 1 to 3650, not "${options.days}"`, 2)
      const view = await withContext(dataDir, (context) => callApi(context, 'coverage-get', { ...(days ? { days } : {}), scope: options.included ? 'included' : 'all' }))
      if (options.json) return printJson(view)
      const out = (line = '') => process.stdout.write(`${line}\n`)
      out(`${view.skills} catalogued skills and commands · runs: ${view.scope.label}`)
      out(`\nNever ran (${view.neverRan.length}):`)
      for (const s of view.neverRan) out(`  ${s.name}  ${s.path}`)
      out(`\nMostly fail (${view.mostlyFail.length}):`)
      for (const s of view.mostlyFail) out(`  ${s.name}: ${s.failedOrAbandoned} of ${s.runs} runs failed or abandoned`)
      out(`\nDescription lint (${view.lint.length}):`)
      for (const f of view.lint) out(`  ${f.name} (${f.rule}) ${f.path}\n    ${f.message}\n    ${f.suggestion}`)
    })
}
