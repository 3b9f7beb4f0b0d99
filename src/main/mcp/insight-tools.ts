import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js'
import { z } from 'zod'
import type { McpToolContext } from './mcp-context'
import { structured } from './tool-result'

const days = z.number().int().min(1).max(3650).optional().describe('The last N days; default: all time')
const loose = z.record(z.string(), z.unknown())

export function registerInsightTools(server: McpServer, context: McpToolContext): void {
  server.registerTool(
    'get_skill_metrics',
    {
      title: 'Skill metrics',
      description:
        'Per-skill metrics from tracked sessions in projects included in cross-project insights: uses, completed, failed, abandoned, unknown, completion rate (over runs with a known outcome), p50/p95 duration of ended runs, common errors, follow-up actions, and how its recommendations fared in real use (followThrough: shown first, ran when shown, accepted at rank 1, ran without being shown, completed, marked helpful or not). `recommendations` sums every recommendation: followed, accepted at rank 1 and in the top 3, ran something not shown, no run within the window.',
      inputSchema: {
        skill: z.string().min(1).max(200).optional().describe('Only this skill'),
        project: z.string().min(1).max(4096).optional().describe('Only this registered project folder'),
      },
      outputSchema: { scope: z.string().describe('Which projects and days the figures cover'), skills: z.array(loose), recommendations: loose },
      annotations: { readOnlyHint: true },
    },
    async (args) => {
      const projectId = args.project ? (await context.project(args.project)).id : undefined
      // What MCP returns goes into the assistant's context: only projects included in insights, as in the app.
      const metrics = await context.call('skills-metrics', projectId ? { projectId } : { scope: 'included' })
      const skills = args.skill ? metrics.skills.filter((m) => m.skill === args.skill) : metrics.skills
      if (args.skill && skills.length === 0) throw new Error(`no tracked uses of ${args.skill}${args.project ? ` in ${args.project}` : ''}`)
      return structured({ scope: metrics.scope.label, skills: skills as unknown as Array<Record<string, unknown>>, recommendations: metrics.recommendations as unknown as Record<string, unknown> })
    },
  )

  server.registerTool(
    'get_session_skills',
    {
      title: "A session's skills",
      description: 'Every skill invocation of one session, in order, with status, duration, error type and the request behind it.',
      inputSchema: { session_id: z.string().min(1).max(200) },
      outputSchema: { session_id: z.string(), project: z.string(), started_at: z.string(), ended_at: z.string().nullable(), invocations: z.array(loose) },
      annotations: { readOnlyHint: true },
    },
    async (args) => {
      const timeline = await context.call('session-timeline', { sessionId: args.session_id })
      return structured({ session_id: timeline.id, project: timeline.projectName, started_at: timeline.startedAt, ended_at: timeline.endedAt, invocations: timeline.invocations as unknown as Array<Record<string, unknown>> })
    },
  )

  server.registerTool(
    'correlate_session',
    {
      title: 'Correlate a session with workflow runs',
      description: 'Skills against workflow runs in one session: time in each, outcomes, delays from skills to runs, failing steps after skills, and whether the session was interactive, automated or mixed (with the reason).',
      inputSchema: { session_id: z.string().min(1).max(200) },
      outputSchema: { session_id: z.string(), pattern: z.string(), pattern_reason: z.string(), correlation: loose },
      annotations: { readOnlyHint: true },
    },
    async (args) => {
      const correlation = await context.call('session-correlation', { sessionId: args.session_id })
      return structured({ session_id: correlation.sessionId, pattern: correlation.pattern, pattern_reason: correlation.patternReason, correlation: correlation as unknown as Record<string, unknown> })
    },
  )

  server.registerTool(
    'get_cross_project_insights',
    {
      title: 'Cross-project insights',
      description: 'Over the projects included in insights: most used skills, effectiveness per skill and per project type, and one list of recommendations (skills that often fail or are slow, sequences that help, skills to try elsewhere), each with its evidence.',
      inputSchema: { days },
      outputSchema: {
        window: loose,
        totals: loose,
        projects: z.array(loose),
        skills: z.array(loose),
        by_project_type: z.array(loose),
        recommendations: z.array(loose),
      },
      annotations: { readOnlyHint: true },
    },
    async (args) => {
      const view = await context.call('insights-get', args.days ? { days: args.days } : {})
      const rows = <T>(list: T[]) => list as unknown as Array<Record<string, unknown>>
      return structured({
        window: view.window,
        totals: view.totals,
        projects: rows(view.projects),
        skills: rows(view.skills.slice(0, 30)),
        by_project_type: rows(view.byProjectType),
        recommendations: rows(view.recommendations),
      })
    },
  )

  server.registerTool(
    'find_effective_patterns',
    {
      title: 'Effective skill sequences',
      description:
        'Skills used one right after another within sessions of projects included in insights, with support (sessions) and completion lift of the last step against its overall completion rate. Only effective sequences (lift above 1 in at least 5 sessions) unless include_common is set.',
      inputSchema: {
        days,
        skill: z.string().min(1).max(200).optional().describe('Only sequences that include this skill'),
        min_sessions: z.number().int().min(1).max(10_000).optional().describe('Default 3'),
        include_common: z.boolean().optional().describe('Also list sequences that recur without a lift above 1 (marked effective: false)'),
      },
      outputSchema: {
        patterns: z.array(
          z.object({ steps: z.array(z.string()), sessions: z.number(), completed: z.number(), support: z.number(), completion_rate: z.number(), baseline_rate: z.number().nullable(), lift: z.number().nullable(), effective: z.boolean() }),
        ),
      },
      annotations: { readOnlyHint: true },
    },
    async (args) => {
      const window = args.days ? { days: args.days } : {}
      const patterns = args.skill ? (await context.call('skill-insights', { skill: args.skill, scope: 'included', ...window })).patterns : (await context.call('insights-get', window)).patterns
      return structured({
        patterns: patterns
          .filter((p) => p.sessions >= (args.min_sessions ?? 3) && (p.effective || args.include_common))
          .map((p) => ({ steps: p.steps, sessions: p.sessions, completed: p.completed, support: p.support, completion_rate: p.completionRate, baseline_rate: p.baselineRate, lift: p.lift, effective: p.effective })),
      })
    },
  )

  server.registerTool(
    'get_skill_coverage',
    {
      title: 'Skill coverage',
      description:
        'Catalogue health over the projects included in insights: per skill, how many requests it matched and how often it then ran (missed triggers: it matched strongly and no skill ran), which catalogued skills never ran, which mostly fail or are abandoned, which pairs overlap (their descriptions match the same requests), and description lint (front matter Claude Code cannot read, no description, says what but not when to use it, names and lengths over the limits, duplicate names), each with a suggestion.',
      inputSchema: { days },
      outputSchema: {
        scope: z.string(),
        skills: z.number(),
        triggers: z.array(loose),
        never_ran: z.array(loose),
        mostly_fail: z.array(loose),
        overlaps: z.array(loose),
        lint: z.array(loose),
      },
      annotations: { readOnlyHint: true },
    },
    async (args) => {
      const view = await context.call('coverage-get', { scope: 'included', ...(args.days ? { days: args.days } : {}) })
      const rows = <T>(list: T[]) => list as unknown as Array<Record<string, unknown>>
      // Counts per skill only: the assistant gets no prompt text from here.
      const triggers = view.triggers.skills.map((s) => ({ name: s.name, matched_requests: s.matched, ran_in: s.ranInTurn, other_skill_ran: s.otherRan, missed: s.missed }))
      const overlaps = view.overlaps.map((o) => ({ a: o.a.name, b: o.b.name, mutual_relevance: o.mutualRelevance, b_ran_for_a: o.bRanForA, a_ran_for_b: o.aRanForB }))
      return structured({ scope: view.scope.label, skills: view.skills, triggers, never_ran: rows(view.neverRan), mostly_fail: rows(view.mostlyFail), overlaps, lint: rows(view.lint) })
    },
  )
}
