import readline from 'node:readline/promises'
import type { Command } from 'commander'
import type { ProjectView } from '../../../shared/api/projects'
import { callApi, withContext } from '../api-call'
import { CliError } from '../cli-error'
import { printJson, printTable } from '../output'
import type { GlobalOptions } from '../program'

export function registerProjectsCommands(program: Command): void {
  const projects = program.command('projects').description('register, list and remove the projects Session Buddy reads')

  projects
    .command('add')
    .description('register a project folder (opt-in: nothing is read before this)')
    .argument('<path>', 'the project folder')
    .option('--no-track', 'register without ingesting its events yet')
    .option('--no-insights', 'leave it out of cross-project insights')
    .option('--store-prompts', "store users' prompts with skill invocations (off by default)")
    .option('--json', 'print the project as JSON')
    .action(async (projectPath: string, options: { track: boolean; insights: boolean; storePrompts?: boolean; json?: boolean }, command: Command) => {
      const { dataDir } = command.optsWithGlobals<GlobalOptions>()
      const project = await withContext(dataDir, (context) =>
        callApi(context, 'projects-add', {
          path: projectPath,
          track: options.track,
          includeInInsights: options.insights,
          storePrompts: options.storePrompts ?? false,
        }),
      )
      if (options.json) printJson(project)
      else process.stdout.write(`Registered ${project.name} (${project.projectType}) at ${project.path}\n`)
    })

  projects
    .command('list')
    .description('list registered projects')
    .option('--json', 'print the projects as JSON')
    .action(async (options: { json?: boolean }, command: Command) => {
      const { dataDir } = command.optsWithGlobals<GlobalOptions>()
      const list = await withContext(dataDir, (context) => callApi(context, 'projects-list', {}))
      if (options.json) return printJson(list)
      if (list.length === 0) return void process.stdout.write('No projects registered. Add one with: session-buddy projects add <path>\n')
      printTable(
        ['ID', 'NAME', 'TYPE', 'TRACK', 'INSIGHTS', 'PROMPTS', 'SESSIONS', 'PATH'],
        list.map((p) => [String(p.id), p.name, p.projectType, yesNo(p.track), yesNo(p.includeInInsights), yesNo(p.storePrompts), String(p.counts.sessions), p.path]),
      )
    })

  projects
    .command('remove')
    .description('unregister a project and delete every row that came from it')
    .argument('<path-or-id>', 'the project folder or its id from "projects list"')
    .option('-y, --yes', 'do not ask for confirmation (needed when not on a terminal)')
    .option('--json', 'print the removed project as JSON')
    .action(async (target: string, options: { yes?: boolean; json?: boolean }, command: Command) => {
      const { dataDir } = command.optsWithGlobals<GlobalOptions>()
      const removed = await withContext(dataDir, async (context) => {
        const project = await findProject(await callApi(context, 'projects-list', {}), target)
        if (!options.yes) await confirmRemoval(project)
        return (await callApi(context, 'projects-remove', { id: project.id })).removed
      })
      if (options.json) printJson(removed)
      else process.stdout.write(`Removed ${removed.name} and its data (${describeCounts(removed)})\n`)
    })
}

async function findProject(list: ProjectView[], target: string): Promise<ProjectView> {
  if (/^\d+$/.test(target)) {
    const byId = list.find((p) => p.id === Number(target))
    if (byId) return byId
  }
  let folder: string
  const { validateProjectFolder } = await import('../../projects/project.service')
  try {
    folder = validateProjectFolder(target)
  } catch {
    folder = target
  }
  const byPath = list.find((p) => p.path === folder)
  if (!byPath) throw new CliError(`No registered project matches "${target}": see "session-buddy projects list"`)
  return byPath
}

async function confirmRemoval(project: ProjectView): Promise<void> {
  if (!process.stdin.isTTY) throw new CliError(`Removing ${project.name} deletes its data: pass --yes to confirm`)
  const rl = readline.createInterface({ input: process.stdin, output: process.stderr })
  const answer = await rl.question(`Remove ${project.name} and delete ${describeCounts(project)}? [y/N] `)
  rl.close()
  if (!/^y(es)?$/i.test(answer.trim())) throw new CliError('Cancelled: nothing was removed')
}

function describeCounts(p: ProjectView): string {
  const c = p.counts
  return `${c.sessions} sessions, ${c.invocations} skill invocations, ${c.workflowRuns} workflow runs, ${c.skills} skills, ${c.ingestErrors} ingest errors`
}

const yesNo = (value: boolean) => (value ? 'yes' : 'no')
