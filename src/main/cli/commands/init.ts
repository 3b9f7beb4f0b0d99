import path from 'node:path'
import readline from 'node:readline/promises'
import type { Command } from 'commander'
import type { DetectedFolderView } from '../../../shared/api/projects'
import type { ImportReport } from '../../../shared/api/tracking'
import { describeSkipped } from '../../../shared/import-words'
import { callApi, withContext } from '../api-call'
import type { AppContext } from '../../app-context'
import { CliError } from '../cli-error'
import type { GlobalOptions } from '../program'

interface InitOptions {
  project?: string[]
  all?: boolean
  yes?: boolean
  storePrompts?: boolean
}

/**
 * `session-buddy init`: the first run in the terminal. It lists the folders Claude Code worked in (from its
 * transcripts), asks which to track (a checklist in a terminal, numbers on a plain line otherwise), shows
 * exactly what will be read, registers them on consent, imports their history with progress and says
 * what to open next.
 */
export function registerInitCommand(program: Command): void {
  program
    .command('init')
    .description('first run: choose among the folders Claude Code worked in, then register them and import their history')
    .option('--project <folders...>', 'track these folders instead of choosing from the list')
    .option('--all', 'track every detected folder that still exists and is not tracked yet')
    .option('--yes', 'do not ask to confirm what will be read')
    .option('--store-prompts', "store users' prompts with skill invocations (off by default)")
    .action(async (options: InitOptions, command: Command) => {
      const { dataDir } = command.optsWithGlobals<GlobalOptions>()
      await withContext(dataDir, (context) => init(context, options))
    })
}

const interactive = () => Boolean(process.stdin.isTTY && process.stdout.isTTY)
const say = (line = '') => process.stdout.write(`${line}\n`)

async function init(context: AppContext, options: InitOptions): Promise<void> {
  const detected = await callApi(context, 'onboarding-detect', {})
  const candidates = detected.folders.filter((f) => f.exists && !f.registered)
  if (detected.folders.length === 0) {
    say(`No Claude Code transcripts found in ${detected.transcriptRoots.map((r) => r.dir).join(' or ')}.`)
  } else {
    say(`Claude Code worked in ${detected.folders.length} ${detected.folders.length === 1 ? 'folder' : 'folders'} (from its transcripts):`)
    detected.folders.forEach((f, i) => say(`  ${String(i + 1).padStart(2)}. ${describeFolder(f)}`))
  }
  const lines = interactive() ? null : new LineReader()
  try {
    const chosen = await choose(detected.folders, candidates, options, lines)
    if (chosen.length === 0) {
      say('Nothing chosen. Run `session-buddy init` again, or `session-buddy projects add <folder>`.')
      return
    }
    say()
    say('Session Buddy will read only these paths, and nothing leaves this machine:')
    for (const folder of chosen) {
      const preview = await callApi(context, 'projects-preview', { path: folder })
      say(`  ${preview.name} (${preview.projectType})`)
      for (const p of preview.readPaths) say(`    ${p.path}: ${p.what}`)
    }
    if (!options.yes && !(await confirm(`Track and import ${chosen.length === 1 ? 'this project' : `these ${chosen.length} projects`}?`, lines))) {
      say('Nothing registered.')
      return
    }
    for (const folder of chosen) {
      const project = await callApi(context, 'projects-add', { path: folder, storePrompts: options.storePrompts ?? false })
      say(`Registered ${project.name} at ${project.path}`)
    }
    const report = await importWithProgress(context)
    describe(report)
    say()
    say('Next:')
    say('  session-buddy serve      open the app in your browser (or `npm start` for the desktop app), then Skills')
    say('  session-buddy skills     the same figures here')
    say('  session-buddy hooks install --dry-run   optional: record skills the moment they run (shows the change first)')
  } finally {
    lines?.close()
  }
}

function describeFolder(f: DetectedFolderView): string {
  const status = f.registered ? ', already tracked' : !f.exists ? ', folder is gone' : ''
  return `${f.path} (${f.sessions} ${f.sessions === 1 ? 'session' : 'sessions'}, last active ${f.lastActivity.slice(0, 10)}${status})`
}

async function choose(all: DetectedFolderView[], candidates: DetectedFolderView[], options: InitOptions, lines: LineReader | null): Promise<string[]> {
  if (options.project) return options.project.map((p) => path.resolve(p))
  if (options.all) return candidates.map((f) => f.path)
  if (candidates.length === 0) return []
  if (!lines) {
    const { checkbox } = await import('@inquirer/prompts')
    return checkbox({
      message: 'Which projects should Session Buddy track? (space to tick, enter to go on)',
      choices: candidates.map((f) => ({ name: describeFolder(f), value: f.path })),
      pageSize: 15,
    })
  }
  const answer = await lines.question('Folders to track, by number (e.g. 1 3), or Enter for none: ')
  const picked = answer.split(/[\s,]+/).filter(Boolean)
  return picked.map((n) => {
    const folder = all[Number(n) - 1]
    if (!folder || !/^\d+$/.test(n)) throw new CliError(`"${n}" is not a number from the list (1 to ${all.length})`, 2)
    if (!folder.exists || folder.registered) throw new CliError(`${folder.path} cannot be tracked: ${folder.registered ? 'it is already tracked' : 'the folder is gone'}`, 2)
    return folder.path
  })
}

async function confirm(question: string, lines: LineReader | null): Promise<boolean> {
  if (!lines) {
    const { confirm: ask } = await import('@inquirer/prompts')
    return ask({ message: question, default: true })
  }
  return /^y(es)?$/i.test((await lines.question(`${question} [y/N] `)).trim())
}

/** Answers read a line at a time from a pipe (lines that arrive before their question wait for it); none at its end. */
class LineReader {
  private readonly rl = readline.createInterface({ input: process.stdin, terminal: false })
  private readonly lines = this.rl[Symbol.asyncIterator]()

  async question(prompt: string): Promise<string> {
    process.stdout.write(prompt)
    const next = await this.lines.next()
    const answer = next.done ? '' : String(next.value)
    process.stdout.write(`${answer}\n`)
    return answer
  }

  close(): void {
    this.rl.close()
  }
}

/** The import, with a progress bar in a terminal and a line every tenth of the way otherwise. */
async function importWithProgress(context: AppContext): Promise<ImportReport> {
  const { SingleBar, Presets } = await import('cli-progress')
  const bar = interactive() ? new SingleBar({ format: 'Importing Claude Code history [{bar}] {value}/{total} transcripts, {detail}', hideCursor: true }, Presets.shades_classic) : null
  let started = false
  let lastTenth = -1
  const stop = context.changes.subscribe((event) => {
    const p = event.progress
    if (p?.task !== 'import:claude-code') return
    if (bar) {
      if (!started) bar.start(p.total, 0, { detail: '' })
      started = true
      bar.update(p.done, { detail: p.detail ?? '' })
      return
    }
    const tenth = p.total ? Math.floor((p.done / p.total) * 10) : 10
    if (tenth !== lastTenth) say(`Importing Claude Code history: ${p.done} of ${p.total} transcripts (${p.detail ?? ''})`)
    lastTenth = tenth
  })
  try {
    return await callApi(context, 'import-run', { source: 'claude-code' })
  } finally {
    stop()
    if (started) bar?.stop()
  }
}

function describe(report: ImportReport): void {
  say(`Imported ${report.invocationsAdded} skill invocations from ${report.files} transcripts and ${report.sessions} ${report.sessions === 1 ? 'session' : 'sessions'}.`)
  for (const [reason, n] of Object.entries(report.skipped)) {
    say(`  ${describeSkipped(reason, n)}`)
    if (reason === 'outside-registered-projects') for (const f of report.outsideFolders ?? []) say(`    ${f.folder} (${f.lines.toLocaleString('en')} lines)`)
  }
  for (const p of report.problems) say(`  Problem: ${p.file}${p.line ? `:${p.line}` : ''}: ${p.message}`)
}
