import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js'
import { z } from 'zod'
import type { SearchResultView } from '../../shared/api/search'
import type { McpToolContext } from './mcp-context'
import { structured } from './tool-result'

/** How long a search waits for skill embeddings on first use before answering on wording alone. */
const EMBEDDINGS_WAIT_MS = 20_000

const foundSkill = z.object({
  name: z.string(),
  description: z.string(),
  kind: z.enum(['skill', 'command']),
  path: z.string(),
  invocation: z.string(),
  score: z.object({
    final: z.number(),
    relevance: z.number(),
    effectiveness: z.number(),
    context: z.number(),
    penalty: z.number(),
    penalties: z.array(z.string()),
    explanation: z.array(z.string()),
  }),
})
const output = {
  query: z.string(),
  mode: z.enum(['hybrid', 'lexical']),
  no_clear_match: z.boolean().describe('No skill clearly fits the request: the skills listed are only the closest; consider doing the task without one'),
  skills: z.array(foundSkill),
}

export function registerSearchTools(server: McpServer, context: McpToolContext): void {
  const input = {
    query: z.string().trim().min(1).max(2000).describe('What the user wants done, in their words'),
    session_id: z.string().min(1).max(200).optional().describe("Use this session's recent skills as context"),
    project: z.string().min(1).max(4096).optional().describe("Rank this registered project's skills higher; default: the server's folder when registered"),
    max_results: z.number().int().min(1).max(20).optional().describe('Default 5'),
  }
  const run = async (args: { query: string; session_id?: string; project?: string; max_results?: number }) => {
    const projectId = await context.project(args.project).then(
      (p) => p.id,
      (error: Error) => {
        if (args.project) throw error
        return undefined // the server's folder need not be a registered project for search
      },
    )
    context.app.search.start()
    await Promise.race([context.app.search.whenReady(), new Promise((resolve) => setTimeout(resolve, EMBEDDINGS_WAIT_MS).unref())])
    const result: SearchResultView = await context.call('skills-find', { query: args.query, limit: args.max_results ?? 5, source: 'mcp', ...(projectId ? { projectId } : {}), ...(args.session_id ? { sessionId: args.session_id } : {}) })
    return structured({
      query: result.query,
      mode: result.mode,
      no_clear_match: result.noClearMatch,
      skills: result.results.map((r) => ({
        name: r.name,
        description: r.description,
        kind: r.kind,
        path: r.path,
        invocation: r.invocation,
        score: { final: r.score.final, relevance: r.score.semantic, effectiveness: r.score.effectiveness, context: r.score.context, penalty: r.score.penalty, penalties: r.score.penalties, explanation: r.score.explanation },
      })),
    })
  }
  server.registerTool(
    'find_skills',
    {
      title: 'Find skills for a request',
      description: 'Search the skill catalogue (project, ~/.claude and extra folders) for a request. Ranked by relevance (0.6), tracked effectiveness (0.3) and session context (0.1), times penalties; each result explains its score.',
      inputSchema: input,
      outputSchema: output,
      annotations: { readOnlyHint: true },
    },
    run,
  )
  server.registerTool(
    'recommend_skills',
    {
      title: 'Recommend the next skill in a session',
      description:
        "What to use next in this session (session_id required). Context comes from the session itself: skills it used recently rank higher, and a skill whose latest run here failed, or whose result the user's next prompt corrected (only the prompt's class is stored, never its text), is pushed down so an alternative comes first.",
      inputSchema: { ...input, session_id: z.string().min(1).max(200).describe('The session to recommend for') },
      outputSchema: output,
      annotations: { readOnlyHint: true },
    },
    run,
  )
}
