import crypto from 'node:crypto'
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js'
import { z } from 'zod'
import { EventWriter } from '../events/event-writer'
import type { McpToolContext } from './mcp-context'
import { structured } from './tool-result'
import { first, query } from '../storage/typed-query'

const projectArg = z.string().min(1).max(4096).optional().describe('The project folder; default: the folder the MCP server was started in')

/** The tracker's two halves. Writes go to the project's event log, which the app ingests like any other event. */
export function registerTrackingTools(server: McpServer, context: McpToolContext): void {
  server.registerTool(
    'track_invocation',
    {
      title: 'Track a skill invocation',
      description:
        'Record that a skill just started. Returns an invocation_id: pass it to complete_invocation when the skill finishes or fails. An invocation never completed is recorded as abandoned at session end or after two hours.',
      inputSchema: {
        skill: z.string().min(1).max(200).describe('Skill name, e.g. systematic-debugging'),
        session_id: z.string().min(1).max(200).optional().describe('The assistant session; default: one id per MCP server process'),
        user_query: z.string().max(100_000).optional().describe("The user's request that led to this skill (stored only where the project allows prompts)"),
        workflow_path: z.string().max(200).optional().describe('e.g. quick, comprehensive'),
        project: projectArg,
      },
      outputSchema: { invocation_id: z.string(), session_id: z.string(), skill: z.string(), project: z.string(), started_at: z.string() },
    },
    async (args) => {
      const project = await context.project(args.project)
      const sessionId = args.session_id ?? context.defaultSessionId
      const event = new EventWriter(project.path).append({
        type: 'skill.invoked',
        session_id: sessionId,
        invocation_id: crypto.randomUUID(),
        skill: args.skill,
        ...(args.user_query ? { user_query: args.user_query } : {}),
        ...(args.workflow_path ? { workflow_path: args.workflow_path } : {}),
      })
      await context.call('ingest-run', { projectId: project.id })
      return structured({ invocation_id: event.type === 'skill.invoked' ? event.invocation_id : '', session_id: sessionId, skill: args.skill, project: project.path, started_at: event.ts })
    },
  )

  server.registerTool(
    'complete_invocation',
    {
      title: 'Complete a tracked invocation',
      description: 'Record how a tracked skill invocation ended: completed, or failed with an error type. Counts once; a second call for the same invocation is refused.',
      inputSchema: {
        invocation_id: z.string().min(1).max(200).describe('From track_invocation'),
        completed: z.boolean().describe('true if the skill did its job'),
        error_type: z.string().min(1).max(200).optional().describe('When completed is false: a short error class, e.g. tool_error'),
        follow_up_actions: z.array(z.string().max(500)).max(100).optional().describe('What happened next, e.g. git commit'),
        duration_ms: z.number().int().nonnegative().max(7 * 24 * 3600 * 1000).optional().describe('Default: time since track_invocation'),
      },
      outputSchema: { invocation_id: z.string(), skill: z.string(), status: z.enum(['completed', 'failed']), duration_ms: z.number().nullable() },
    },
    async (args) => {
      const row = first(
        context.app.database.sqlite,
        query
          .selectFrom('skill_invocations as i')
          .innerJoin('projects as p', 'p.id', 'i.project_id')
          .select(['i.skill_name', 'i.session_id', 'i.status', 'i.started_at', 'p.path'])
          .where('i.source_ref', '=', `inv:${args.invocation_id}`),
      )
      if (!row) throw new Error(`no tracked invocation ${args.invocation_id}: call track_invocation first and use the invocation_id it returned`)
      if (row.status !== 'running') throw new Error(`invocation ${args.invocation_id} already ended as ${row.status}`)
      if (!row.session_id) throw new Error(`invocation ${args.invocation_id} belongs to no session (an imported legacy row): it cannot be completed here`)
      const durationMs = args.duration_ms ?? Math.max(0, Date.now() - Date.parse(row.started_at))
      const common = { session_id: row.session_id, invocation_id: args.invocation_id, skill: row.skill_name, duration_ms: durationMs, ...(args.follow_up_actions ? { follow_up_actions: args.follow_up_actions } : {}) }
      const writer = new EventWriter(row.path)
      if (args.completed) writer.append({ type: 'skill.completed', ...common })
      else writer.append({ type: 'skill.failed', ...common, error_type: args.error_type ?? 'error' })
      await context.call('ingest-run', {})
      return structured({ invocation_id: args.invocation_id, skill: row.skill_name, status: args.completed ? 'completed' : 'failed', duration_ms: durationMs })
    },
  )

  server.registerTool(
    'collect_skill_metrics',
    {
      title: 'Collect skill metrics now',
      description: 'Read everything new in the event logs of registered projects (or one project) and report what was found.',
      inputSchema: { project: z.string().min(1).max(4096).optional().describe('Only this registered project folder; default: all tracked projects') },
      outputSchema: {
        files: z.number(),
        events: z.number(),
        errors: z.number(),
        bytes: z.number(),
        abandoned: z.number(),
        totals: z.object({ sessions: z.number(), invocations: z.number(), skills: z.number() }),
      },
    },
    async (args) => {
      const projectId = args.project ? (await context.project(args.project)).id : undefined
      const summary = await context.call('ingest-run', projectId ? { projectId } : {})
      const sqlite = context.app.database.sqlite
      const sessions = first(sqlite, query.selectFrom('sessions').select((eb) => eb.fn.countAll<number>().as('n')).$if(projectId !== undefined, (q) => q.where('project_id', '=', projectId!)))!
      const runs = first(
        sqlite,
        query
          .selectFrom('skill_invocations')
          .select((eb) => [eb.fn.countAll<number>().as('invocations'), eb.fn.count<number>('skill_name').distinct().as('skills')])
          .$if(projectId !== undefined, (q) => q.where('project_id', '=', projectId!)),
      )!
      const totals = { sessions: sessions.n, invocations: runs.invocations, skills: runs.skills }
      return structured({ ...summary, totals })
    },
  )
}
