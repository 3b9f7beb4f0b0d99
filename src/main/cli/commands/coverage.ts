import type { Command } from 'commander'
import { callApi, withContext } from '../api-call'
import { CliError } from '../cli-error'
import { printJson } from '../output'
import type { GlobalOptions } from '../program'
import { projectIdOption } from '../project-option'

const oneLine = (text: string) => (text.length > 80 ? `${text.slice(0, 79)}…` : text).replace(/\s+/g, ' ')

/** `coverage`: catalogue health, as on the Coverage page. */
export function registerCoverageCommand(program: Command): void {
  program
    .command('coverage')
    .description('trigger rates and missed triggers, skills that never ran or mostly fail, overlapping skills, and description lint with suggestions')
    .option('--project <dir>', "one registered project: its skills plus yours, and its sessions")
    .option('--days <n>', 'runs of the last N days (default: all time)')
    .option('--included', 'count runs of projects included in insights only (default: every registered project)')
    .option('--json', 'print it as JSON')
    .action(async (options: { days?: string; included?: boolean; json?: boolean; project?: string }, command: Command) => {
      const { dataDir } = command.optsWithGlobals<GlobalOptions>()
      const days = options.days === undefined ? undefined : Number(options.days)
      if (days !== undefined && (!Number.isInteger(days) || days < 1 || days > 3650)) throw new CliError(`--days must be a whole number from 1 to 3650, not "${options.days}"`, 2)
      const view = await withContext(dataDir, async (context) => {
        const projectId = await projectIdOption(context, options.project)
        return callApi(context, 'coverage-get', { ...(days ? { days } : {}), ...(projectId ? { projectId } : {}), scope: options.included ? 'included' : 'all' })
      })
      if (options.json) return printJson(view)
      const out = (line = '') => process.stdout.write(`${line}\n`)
      out(`${view.skills} catalogued skills and commands · runs: ${view.scope.label}`)
      const t = view.triggers
      out(`\nTriggers: ${t.matched} prompts matched a skill at strength ≥ ${t.threshold}; in ${t.missed} no skill ran (missed triggers)`)
      for (const s of t.skills) {
        out(`  ${s.name}: matched ${s.matched} requests, ran in ${s.ranInTurn}${s.otherRan ? `, another skill ran in ${s.otherRan}` : ''}, missed ${s.missed}`)
        for (const m of s.missedPrompts.slice(0, 3)) out(`    missed ${m.ts.slice(0, 16).replace('T', ' ')} session ${m.sessionId}${m.prompt ? `: "${oneLine(m.prompt)}"` : ''}`)
      }
      out(`\nNever ran (${view.neverRan.length}):`)
      for (const s of view.neverRan) out(`  ${s.name}  ${s.path}`)
      out(`\nMostly fail (${view.mostlyFail.length}):`)
      for (const s of view.mostlyFail) out(`  ${s.name}: ${s.failedOrAbandoned} of ${s.runs} runs failed or abandoned`)
      out(`\nOverlapping skills (${view.overlaps.length}):`)
      for (const o of view.overlaps) out(`  ${o.a.name} ↔ ${o.b.name}: mutual relevance ${o.mutualRelevance}; ${o.b.name} ran for ${o.a.name}'s requests ${o.bRanForA}×, the reverse ${o.aRanForB}×`)
      out(`\nDescription lint (${view.lint.length}):`)
      for (const f of view.lint) out(`  ${f.name} (${f.rule}) ${f.path}\n    ${f.message}\n    ${f.suggestion}`)
    })
}
