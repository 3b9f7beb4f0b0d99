import fs from 'node:fs'
import { formatDuration } from '../../../shared/format-duration'
import type { Command } from 'commander'
import type { ImportReport, SkillMetricsView } from '../../../shared/api/tracking'
import { callApi, checkDataDir, withContext } from '../api-call'
import { CliError } from '../cli-error'
import { printJson, printTable } from '../output'
import type { GlobalOptions } from '../program'
import { projectIdOption } from '../project-option'
import { describeSkipped } from '../../../shared/import-words'

export function registerTrackingCommands(program: Command): void {
  program
    .command('ingest')
    .description("read new events from tracked projects' .session-buddy/events logs")
    .option('--project <dir>', 'only this registered project')
    .option('--watch', 'keep watching and ingest new lines as they are written (Ctrl+C to stop)')
    .option('--json', 'print the summary as JSON')
    .action(async (options: { project?: string; watch?: boolean; json?: boolean }, command: Command) => {
      const { dataDir } = command.optsWithGlobals<GlobalOptions>()
      if (!options.watch) {
        const summary = await withContext(dataDir, async (context) =>
          callApi(context, 'ingest-run', { projectId: await projectIdOption(context, options.project) }),
        )
        if (options.json) printJson(summary)
        else process.stdout.write(`Ingested ${summary.events} events from ${summary.files} files (${summary.errors} bad lines, ${summary.abandoned} invocations abandoned)\n`)
        return
      }
      checkDataDir(dataDir)
      const { openAppContext } = await import('../../app-context')
      const context = await openAppContext({ dataDir })
      await context.ingest.startWatching()
      process.stderr.write('Watching tracked projects for new events. Press Ctrl+C to stop.\n')
      const stop = async () => {
        await context.close()
        process.exit(0)
      }
      process.once('SIGINT', () => void stop())
      process.once('SIGTERM', () => void stop())
    })

  program
    .command('rebuild')
    .description('re-derive every skill run from the event logs and Claude Code transcripts still on disk (runs once by itself after an upgrade)')
    .option('--json', 'print the report as JSON')
    .action(async (options: { json?: boolean }, command: Command) => {
      const { dataDir } = command.optsWithGlobals<GlobalOptions>()
      const report = await withContext(dataDir, async (context) => {
        const stop = context.changes.subscribe((event) => {
          if (event.progress?.task === 'rebuild' && process.stderr.isTTY) process.stderr.write(`\r${event.progress.done} of ${event.progress.total} files (${event.progress.detail})   `)
        })
        try {
          return await callApi(context, 'outcomes-rebuild', {})
        } finally {
          stop()
          if (process.stderr.isTTY) process.stderr.write('\n')
        }
      })
      if (options.json) return printJson(report)
      process.stdout.write(
        `Re-derived ${report.rederived} runs from ${report.eventFiles} event files and ${report.transcriptFiles} transcripts in ${formatDuration(report.ms)}.` +
          (report.olderDerivation ? ` ${report.olderDerivation} runs keep an older derivation: their event log or transcript is gone.\n` : '\n'),
      )
    })

  program
    .command('skills')
    .description('skill metrics: invocations, completion, durations, errors, follow-ups')
    .option('--project <dir>', 'only this registered project')
    .option('--included', 'only projects included in cross-project insights (default: every registered project)')
    .option('--json', 'print the metrics as JSON')
    .action(async (options: { project?: string; included?: boolean; json?: boolean }, command: Command) => {
      const { dataDir } = command.optsWithGlobals<GlobalOptions>()
      const metrics = await withContext(dataDir, async (context) => {
        const projectId = await projectIdOption(context, options.project)
        await callApi(context, 'ingest-run', { projectId })
        return callApi(context, 'skills-metrics', { projectId, scope: options.included ? 'included' : 'all' })
      })
      if (options.json) return printJson(metrics)
      if (metrics.skills.length === 0) return void process.stdout.write('No skill invocations tracked yet.\n')
      process.stdout.write(`Scope: ${metrics.scope.label}. Rates are over runs with a known outcome; durations over ended runs.\n`)
      printTable(
        ['SKILL', 'USES', 'DONE', 'FAILED', 'ABANDONED', 'UNKNOWN', 'RATE', 'P50', 'P95', 'LAST USED'],
        metrics.skills.map((m) => [m.skill, String(m.invocations), String(m.completed), String(m.failed), String(m.abandoned), String(m.unknown), rate(m), formatDuration(m.p50DurationMs), formatDuration(m.p95DurationMs), m.lastUsed.slice(0, 16).replace('T', ' ')]),
      )
    })

  program
    .command('sessions')
    .description('sessions, newest first, with the skills used in each')
    .option('--project <dir>', 'only this registered project')
    .option('--limit <n>', 'how many sessions', '50')
    .option('--json', 'print the sessions as JSON')
    .action(async (options: { project?: string; limit: string; json?: boolean }, command: Command) => {
      const { dataDir } = command.optsWithGlobals<GlobalOptions>()
      const limit = Number(options.limit)
      if (!Number.isInteger(limit) || limit < 1 || limit > 5000) throw new CliError(`--limit must be a whole number from 1 to 5000, not "${options.limit}"`, 2)
      const sessions = await withContext(dataDir, async (context) => {
        const projectId = await projectIdOption(context, options.project)
        await callApi(context, 'ingest-run', { projectId })
        return callApi(context, 'sessions-list', { projectId, limit })
      })
      if (options.json) return printJson(sessions)
      if (sessions.length === 0) return void process.stdout.write('No sessions tracked yet.\n')
      for (const s of sessions) {
        const skills = s.invocations.map((i) => `${i.skill} (${i.status})`).join(', ') || 'no skills'
        process.stdout.write(`${s.startedAt.slice(0, 16).replace('T', ' ')}  ${s.projectName}  ${s.id}\n    ${skills}\n`)
      }
    })

  program
    .command('import')
    .description('import history: claude-code (transcripts) or legacy (skill_metrics.json, skills.db)')
    .argument('<source>', 'claude-code or legacy')
    .option('--project <dir>', 'only this registered project')
    .option('--from <path...>', 'claude-code: transcript folders or files to read instead of ~/.claude/projects')
    .option('--dry-run', 'report what would be imported, store nothing')
    .option('--json', 'print the report as JSON')
    .action(async (source: string, options: { project?: string; from?: string[]; dryRun?: boolean; json?: boolean }, command: Command) => {
      const { dataDir } = command.optsWithGlobals<GlobalOptions>()
      if (source !== 'claude-code' && source !== 'legacy') throw new CliError(`the source must be claude-code or legacy, not "${source}"`, 2)
      for (const from of options.from ?? []) if (!fs.existsSync(from)) throw new CliError(`--from ${from}: no such file or folder`, 2)
      const report = await withContext(dataDir, async (context) =>
        callApi(context, 'import-run', {
          source: source as 'claude-code' | 'legacy',
          projectId: await projectIdOption(context, options.project),
          dryRun: options.dryRun ?? false,
          from: options.from,
        }),
      )
      if (options.json) printJson(report)
      else process.stdout.write(describeReport(report))
      if (report.problems.length > 0) process.exitCode = 1
    })
}

function describeReport(r: ImportReport): string {
  const lines = [
    `${r.dryRun ? 'Dry run: would import' : 'Imported'} ${r.invocationsAdded} new skill invocations (${r.invocationsFound} found) from ${r.files} files, ${r.sessions} sessions, ${(r.bytes / 1e6).toFixed(1)} MB read`,
  ]
  for (const [reason, n] of Object.entries(r.skipped)) {
    lines.push(describeSkipped(reason, n))
    if (reason === 'outside-registered-projects') for (const f of r.outsideFolders ?? []) lines.push(`  ${f.folder} (${f.lines.toLocaleString('en')} lines): session-buddy projects add ${JSON.stringify(f.folder)}`)
  }
  for (const v of r.validation) {
    lines.push(`Validation of ${v.file}: ${v.skillsChecked} skills, ${v.differences.length === 0 ? 'totals match the summary' : `${v.differences.length} differences`}`)
    for (const d of v.differences) lines.push(`  ${d.skill}.${d.field}: summary ${String(d.summary)}, recomputed ${String(d.recomputed)}`)
  }
  for (const p of r.problems) lines.push(`Problem: ${p.file}${p.line ? `:${p.line}` : ''}: ${p.message}`)
  return `${lines.join('\n')}\n`
}

const rate = (m: SkillMetricsView) => (m.completionRate === null ? '-' : `${Math.round(m.completionRate * 100)}%`)
