import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { dispatch } from '../api/dispatch'
import { openAppContext } from '../app-context'
import { connectMcp, type McpTestClient } from '../test-support/mcp-client'
import { runCli } from '../test-support/run-cli'
import { fileTempDir, tempDir, writeFile } from '../test-support/temp-dir'


const dataDir = fileTempDir()
const project = fileTempDir()
const claudeConfig = fileTempDir()
let mcp: McpTestClient

beforeAll(async () => {
  writeFile(path.join(project, 'package.json'), '{}')
  writeFile(path.join(claudeConfig, 'skills', 'debugging', 'SKILL.md'), '---\nname: debugging\ndescription: Use when a test fails or a bug has no obvious cause\n---\n')
  writeFile(path.join(claudeConfig, 'skills', 'lint', 'SKILL.md'), '---\nname: lint\ndescription: Run the linters and fix style problems\n---\n')
  writeFile(path.join(claudeConfig, 'skills', 'test', 'SKILL.md'), '---\nname: test\ndescription: Run the test suite and report failures\n---\n')
  const added = await runCli(['--data-dir', dataDir, 'projects', 'add', project, '--store-prompts'])
  expect(added.code, added.stderr).toBe(0)
  mcp = await connectMcp({ dataDir, cwd: project, env: { CLAUDE_CONFIG_DIR: claudeConfig } })
}, 30_000)
afterAll(async () => {
  await mcp?.close()
})

const sql = async <T>(query: string, ...params: unknown[]): Promise<T[]> => {
  const context = await openAppContext({ dataDir, claudeConfigDirs: [] })
  try {
    return context.database.sqlite.prepare(query).all(...params) as T[]
  } finally {
    await context.close()
  }
}
// Structured results are checked field by field against the database, so a loose type is enough here.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const data = (result: { structuredContent?: unknown }) => result.structuredContent as Record<string, any>
const errorText = (result: { isError?: boolean; content: unknown }) => {
  expect(result.isError).toBe(true)
  return (result.content as Array<{ text: string }>)[0]!.text
}

describe('session-buddy mcp (spawned, driven by the SDK client over stdio)', () => {
  it('lists every tool with a description and schemas', async () => {
    const { tools } = await mcp.client.listTools()
    expect(tools.map((t) => t.name).sort()).toEqual([
      'collect_skill_metrics',
      'complete_invocation',
      'correlate_session',
      'find_effective_patterns',
      'find_skills',
      'get_cross_project_insights',
      'get_session_skills',
      'get_skill_coverage',
      'get_skill_metrics',
      'recommend_skills',
      'track_invocation',
    ])
    for (const tool of tools) {
      expect(tool.description!.length).toBeGreaterThan(30)
      expect(tool.inputSchema.type).toBe('object')
      expect(tool.outputSchema?.type).toBe('object')
    }
  })

  it('tracks and completes an invocation through the event log, once', async () => {
    const tracked = data(await mcp.call('track_invocation', { skill: 'debugging', session_id: 'mcp-s1', user_query: 'why does the test fail' }))
    expect(tracked).toMatchObject({ skill: 'debugging', session_id: 'mcp-s1', project: project })
    const [row] = await sql<{ status: string; user_query: string; source: string }>('select status, user_query, source from skill_invocations where source_ref = ?', `inv:${tracked.invocation_id}`)
    expect(row).toEqual({ status: 'running', user_query: 'why does the test fail', source: 'event-log' })
    expect(fs.readdirSync(path.join(project, '.session-buddy', 'events')).length).toBeGreaterThan(0)

    const completed = data(await mcp.call('complete_invocation', { invocation_id: tracked.invocation_id, completed: true, follow_up_actions: ['git commit'], duration_ms: 1200 }))
    expect(completed).toEqual({ invocation_id: tracked.invocation_id, skill: 'debugging', status: 'completed', duration_ms: 1200 })
    const [done] = await sql<{ status: string; duration_ms: number; follow_up_actions: string }>('select status, duration_ms, follow_up_actions from skill_invocations where source_ref = ?', `inv:${tracked.invocation_id}`)
    expect(done).toEqual({ status: 'completed', duration_ms: 1200, follow_up_actions: '["git commit"]' })
    expect(errorText(await mcp.call('complete_invocation', { invocation_id: tracked.invocation_id, completed: false }))).toContain('already ended as completed')
  })

  it('answers bad arguments with tool errors and keeps serving', async () => {
    expect(errorText(await mcp.call('track_invocation', {}))).toMatch(/Input validation error.*skill/s)
    expect(errorText(await mcp.call('track_invocation', { skill: 'x', project: tempDir() }))).toContain('is not in a registered project')
    expect(errorText(await mcp.call('complete_invocation', { invocation_id: 'nope', completed: true }))).toContain('no tracked invocation nope')
    expect(errorText(await mcp.call('find_skills', { query: '' }))).toContain('Input validation error')
    expect(errorText(await mcp.call('get_session_skills', { session_id: 'no-such-session' }))).toMatch(/no-such-session/)
    expect(errorText(await mcp.call('get_skill_metrics', { skill: 'never-used' }))).toContain('no tracked uses of never-used')
    expect(errorText(await mcp.call('find_effective_patterns', { days: 0 }))).toContain('Input validation error')
    expect(errorText(await mcp.call('recommend_skills', { query: 42 }))).toContain('Input validation error')
    expect(errorText(await mcp.call('correlate_session', { session_id: 'no-such-session' }))).toMatch(/no-such-session/)
    expect(errorText(await mcp.call('get_cross_project_insights', { days: -1 }))).toContain('Input validation error')
    expect(errorText(await mcp.call('collect_skill_metrics', { project: tempDir() }))).toContain('is not in a registered project')
    const { tools } = await mcp.client.listTools()
    expect(tools).toHaveLength(11)
  })

  it('answers a message over the size limit with an error for its request, and keeps serving', async () => {
    // 11 MB: the SDK's own reader closed the transport past 10 MB and the server exited without a word.
    await expect(mcp.client.callTool({ name: 'find_skills', arguments: { query: 'x'.repeat(11 * 1024 * 1024) } })).rejects.toThrow(/Message of \d+ bytes is over Session Buddy's 1048576 byte limit: ignored/)
    expect(mcp.stderr()).toMatch(/message \d+ of \d+ bytes is over the 1048576 byte limit: ignored/)
    const { tools } = await mcp.client.listTools()
    expect(tools).toHaveLength(11)
  })

  it('finds skills with explained scores and reads metrics, sessions, insights and patterns that match the database', async () => {
    // Three sessions of lint then test, through the tracker's two halves.
    for (const session of ['p1', 'p2', 'p3']) {
      for (const skill of ['lint', 'test']) {
        const { invocation_id } = data(await mcp.call('track_invocation', { skill, session_id: session }))
        await mcp.call('complete_invocation', { invocation_id, completed: true, duration_ms: 500 })
      }
    }
    const found = data(await mcp.call('find_skills', { query: 'there is a bug and the cause is not obvious', max_results: 2 }))
    expect(found.mode).toBe('hybrid')
    expect(found.skills[0]).toMatchObject({ name: 'debugging', invocation: '/debugging' })
    expect(found.skills[0].score.explanation.join('\n')).toContain('completed 1 of 1 tracked runs with a known outcome')
    const recommended = data(await mcp.call('recommend_skills', { query: 'check the code style', session_id: 'p1' }))
    expect(recommended.skills[0].name).toBe('lint')
    expect(recommended.skills[0].score.context).toBeGreaterThan(0)
    // In a session where lint just failed, recommend_skills pushes it down and says why.
    const failing = data(await mcp.call('track_invocation', { skill: 'lint', session_id: 'p4' }))
    await mcp.call('complete_invocation', { invocation_id: failing.invocation_id, completed: false, error_type: 'LintError' })
    const afterFailure = data(await mcp.call('recommend_skills', { query: 'check the code style', session_id: 'p4' }))
    const lint = afterFailure.skills.find((s: { name: string }) => s.name === 'lint')
    expect(lint.score.penalties).toContain('its last run in this session failed')
    expect(lint.score.final).toBeLessThan(recommended.skills[0].score.final)
    expect(errorText(await mcp.call('recommend_skills', { query: 'check the code style' }))).toContain('Input validation error')

    const metrics = data(await mcp.call('get_skill_metrics', { skill: 'lint' }))
    const [dbLint] = await sql<{ n: number; done: number }>("select count(*) as n, sum(status = 'completed') as done from skill_invocations where skill_name = 'lint'")
    expect(metrics.skills).toHaveLength(1)
    expect(metrics.skills[0]).toMatchObject({ skill: 'lint', invocations: dbLint!.n, completed: dbLint!.done, failed: 1 })

    const session = data(await mcp.call('get_session_skills', { session_id: 'p2' }))
    expect(session.invocations.map((i: { skill: string }) => i.skill)).toEqual(['lint', 'test'])
    const correlation = data(await mcp.call('correlate_session', { session_id: 'p2' }))
    expect(correlation.pattern).toBe('interactive')
    expect(correlation.correlation.skills).toEqual({ total: 2, completed: 2, failed: 0, abandoned: 0 })

    const insights = data(await mcp.call('get_cross_project_insights', {}))
    const [total] = await sql<{ n: number }>('select count(*) as n from skill_invocations')
    expect(insights.totals.invocations).toBe(total!.n)
    // lint → test in 3 of the 5 sessions with skills; test always completes, so the lift is 1: common, not effective.
    expect(data(await mcp.call('find_effective_patterns', { skill: 'test' })).patterns).toEqual([])
    const patterns = data(await mcp.call('find_effective_patterns', { skill: 'test', include_common: true }))
    expect(patterns.patterns).toEqual([{ steps: ['lint', 'test'], sessions: 3, completed: 3, support: 3 / 5, completion_rate: 1, baseline_rate: 1, lift: 1, effective: false }])

    // Coverage counts runs of included projects: skills that ran are not listed as never run.
    const coverage = data(await mcp.call('get_skill_coverage', {}))
    expect((coverage.never_ran as Array<{ name: string }>).map((s) => s.name)).not.toContain('lint')
    expect(coverage.scope).toContain('included in insights')

    const collected = data(await mcp.call('collect_skill_metrics', {}))
    expect(collected.totals).toEqual({ sessions: 5, invocations: total!.n, skills: 3 })
  }, 60_000)

  it('writes nothing but protocol messages to stdout, logs to stderr', () => {
    expect(mcp.stderr()).toContain('session-buddy mcp: ready')
  })

  it('shows an invocation tracked over MCP in the app API', async () => {
    const context = await openAppContext({ dataDir, claudeConfigDirs: [] })
    try {
      const metrics = await dispatch(context.handlers, 'skills-metrics', {})
      expect(metrics.ok && (metrics.data as { skills: Array<{ skill: string }> }).skills.map((m) => m.skill).sort()).toEqual(['debugging', 'lint', 'test'])
    } finally {
      await context.close()
    }
  })
})
