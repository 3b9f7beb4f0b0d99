import type { Command } from 'commander'
import type { SearchResultView } from '../../../shared/api/search'
import { callApi, withContext } from '../api-call'
import { CliError } from '../cli-error'
import { printJson } from '../output'
import { projectIdOption } from '../project-option'
import type { GlobalOptions } from '../program'

interface FindOptions {
  json?: boolean
  project?: string
  session?: string
  limit: string
  lexical?: boolean
}

export function registerFindCommand(program: Command): void {
  program
    .command('find')
    .description('find the skill for a request: ranked by relevance, tracked effectiveness and context, each score explained')
    .argument('<request...>', 'what you want done, in your own words')
    .option('--project <dir>', "rank this registered project's skills and context higher")
    .option('--session <id>', "use this session's recent skills as context")
    .option('--limit <n>', 'how many skills to show', '5')
    .option('--lexical', 'match wording and word parts only; do not wait for skill embeddings on first use')
    .option('--json', 'print the full result, with score breakdowns, as JSON')
    .action(async (words: string[], options: FindOptions, command: Command) => {
      const limit = Number(options.limit)
      if (!Number.isInteger(limit) || limit < 1 || limit > 100) throw new CliError(`--limit must be a whole number from 1 to 100, not "${options.limit}"`, 2)
      const { dataDir } = command.optsWithGlobals<GlobalOptions>()
      const result = await withContext(dataDir, async (context) => {
        const projectId = await projectIdOption(context, options.project)
        context.search.start()
        if (!options.lexical) {
          const showProgress = process.stderr.isTTY
          const stop = context.changes.subscribe((event) => {
            if (showProgress && event.progress?.task === 'search:embed') process.stderr.write(`\rEmbedding skill texts ${event.progress.done}/${event.progress.total} (first use only)…`)
          })
          await context.search.whenReady()
          stop()
          if (showProgress) process.stderr.write('\r\x1b[K')
          const status = context.search.embedStatus()
          if (status.state === 'failed') process.stderr.write(`session-buddy: meaning-based matching is off (${status.error}); matching wording and word parts only\n`)
        }
        return callApi(context, 'skills-find', { query: words.join(' '), limit, projectId, sessionId: options.session, source: 'cli' })
      })
      if (options.json) return printJson(result)
      printResult(result)
    })
}

function printResult(result: SearchResultView): void {
  if (result.skillsIndexed === 0) {
    process.stdout.write('No skills catalogued yet: register a project with .claude/skills or add skills to ~/.claude/skills.\n')
    return
  }
  if (result.results.length === 0) {
    process.stdout.write(`No skill matches "${result.query}" among ${result.skillsIndexed}.\n`)
    return
  }
  const pct = (x: number) => `${Math.round(x * 100)}%`
  const lines = result.noClearMatch ? [`No skill clearly fits "${result.query}"; closest:`] : []
  lines.push(...result.results.flatMap((r, i) => [
    `${i + 1}. ${r.name}  ${r.score.final.toFixed(2)}  ${r.invocation}${r.projectName ? `  [${r.projectName}]` : ''}`,
    `   relevance ${pct(r.score.semantic)} · effectiveness ${pct(r.score.effectiveness)} · context ${pct(r.score.context)} · ${r.score.penalties.length ? `penalties: ${r.score.penalties.join(', ')}` : 'no penalties'}`,
    ...r.score.explanation.slice(1).map((e) => `   - ${e}`),
    `   ${r.path}`,
  ]))
  lines.push(`(${result.mode === 'hybrid' ? `wording, word parts and meaning, ${result.embedder}` : 'wording and word parts'}; ${result.skillsIndexed} skills; ${result.tookMs} ms)`)
  process.stdout.write(`${lines.join('\n')}\n`)
}
