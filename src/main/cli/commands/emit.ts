import fs from 'node:fs'
import path from 'node:path'
import type { Command } from 'commander'
import type { EventType } from '../../events/event-schema'
import { EVENT_TYPE_NAMES } from '../../events/event-type-names'
import type { NewEvent } from '../../events/event-writer'
import { SESSION_BUDDY_DIR } from '../../events/event-log-paths'
import { CliError } from '../cli-error'

interface EmitOptions {
  project?: string
  session?: string
  skill?: string
  invocation?: string
  workflowPath?: string
  query?: string
  durationMs?: string
  followUp?: string[]
  errorType?: string
  reason?: string
  run?: string
  workflow?: string
  name?: string
  node?: string
  error?: string
  status?: string
  model?: string
  branch?: string
  prompt?: string
  metadata?: string
  json?: boolean
}

export function registerEmitCommand(program: Command): void {
  program
    .command('emit')
    .description(`append one event to the project's event log (types: ${EVENT_TYPE_NAMES.join(', ')}; dashes work too, e.g. workflow-started)`)
    .argument('<type>', 'event type')
    .option('--project <dir>', 'project folder (default: the nearest folder up from here with .session-buddy, else here)')
    .option('--session <id>', 'session id (default: $SESSION_BUDDY_SESSION_ID or $CLAUDE_SESSION_ID)')
    .option('--skill <name>', 'skill name (skill.*)')
    .option('--invocation <id>', 'invocation id tying skill.invoked to its outcome')
    .option('--workflow-path <path>', 'workflow path, e.g. quick (skill.invoked)')
    .option('--query <text>', "the user's request (skill.invoked)")
    .option('--duration-ms <ms>', 'duration in milliseconds')
    .option('--follow-up <action...>', 'follow-up actions (skill.completed/failed)')
    .option('--error-type <type>', 'error class (skill.failed)')
    .option('--reason <text>', 'reason (session.ended, skill.abandoned)')
    .option('--run <id>', 'workflow run id (workflow.*)')
    .option('--workflow <id>', 'workflow id (workflow.started)')
    .option('--name <name>', 'workflow or node name')
    .option('--node <id>', 'node id (workflow.node.*)')
    .option('--error <text>', 'error message (workflow.node.failed)')
    .option('--status <status>', 'completed or failed (workflow.completed)')
    .option('--model <model>', 'model (session.started)')
    .option('--branch <branch>', 'git branch (session.started)')
    .option('--prompt <text>', 'prompt text (prompt.submitted)')
    .option('--metadata <json>', 'JSON object of extra details (workflow.*)')
    .option('--json', 'print the written event as JSON (default: its id)')
    .action(async (typeArg: string, options: EmitOptions) => {
      const type = typeArg.replace(/-/g, '.') as EventType
      if (!(EVENT_TYPE_NAMES as readonly string[]).includes(type)) throw new CliError(`Unknown event type "${typeArg}": use one of ${EVENT_TYPE_NAMES.join(', ')}`)
      const sessionId = options.session ?? process.env.SESSION_BUDDY_SESSION_ID ?? process.env.CLAUDE_SESSION_ID
      if (!sessionId) throw new CliError('No session id: pass --session <id> or set SESSION_BUDDY_SESSION_ID')
      const event = {
        type,
        session_id: sessionId,
        skill: options.skill,
        invocation_id: options.invocation,
        workflow_path: options.workflowPath,
        user_query: options.query,
        duration_ms: options.durationMs === undefined ? undefined : Number(options.durationMs),
        follow_up_actions: options.followUp,
        error_type: options.errorType,
        reason: options.reason,
        workflow_run_id: options.run,
        workflow_id: options.workflow,
        name: options.name,
        node_id: options.node,
        error: options.error,
        status: options.status,
        model: options.model,
        git_branch: options.branch,
        prompt: options.prompt,
        metadata: options.metadata === undefined ? undefined : parseMetadata(options.metadata),
      }
      const defined = Object.fromEntries(Object.entries(event).filter(([, v]) => v !== undefined)) as unknown as NewEvent
      const [{ EventWriter }, { ZodError }] = await Promise.all([import('../../events/event-writer'), import('zod')])
      try {
        const written = new EventWriter(findProject(options.project)).append(defined)
        process.stdout.write(options.json ? `${JSON.stringify(written)}\n` : `${written.id}\n`)
      } catch (error) {
        if (error instanceof ZodError) {
          const issue = error.issues[0]!
          throw new CliError(`Invalid ${type} event: ${issue.path.join('.') || 'event'}: ${issue.message}`)
        }
        throw error
      }
    })
}

function parseMetadata(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text)
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Record<string, unknown>
  } catch {
    // reported below
  }
  throw new CliError('--metadata must be a JSON object, e.g. \'{"runner":"make"}\'')
}

/** The project the current folder belongs to: the nearest ancestor with a .session-buddy folder. */
function findProject(explicit: string | undefined): string {
  if (explicit) {
    const dir = path.resolve(explicit)
    if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) throw new CliError(`No folder at ${dir}`)
    return dir
  }
  let dir = process.cwd()
  for (;;) {
    if (fs.existsSync(path.join(dir, SESSION_BUDDY_DIR))) return dir
    const parent = path.dirname(dir)
    if (parent === dir) return process.cwd()
    dir = parent
  }
}
