import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import type { ToolCallView, ToolErrorView, ToolStatView } from '../../shared/api/tools'
import { contextWithProject } from '../test-support/app-context'
import { tempDir } from '../test-support/temp-dir'
import { TranscriptLines } from '../test-support/transcript-lines'

describe('tool calls', () => {
  it('are stored at import with how they ended and how long their result took, per session and across included projects', async () => {
    const { context, call, project } = await contextWithProject()
    const transcripts = tempDir()
    const start = Date.now() - 3_600_000
    const lines = new TranscriptLines(project, 'tools-1', start)
      .prompt(0, 'fix the build')
      .bash(2, 'toolu_a', 'npm test', false) // result 1 s later, an error
      .bash(10, 'toolu_b', 'npm test', true)
      .tool(20, 'toolu_c', 'Read', { file_path: 'src/app.ts' })
      .result(20.5, 'toolu_c', 'export const app = 1')
      .tool(30, 'toolu_d', 'Grep', { pattern: 'TODO' }) // no result yet
    fs.writeFileSync(path.join(transcripts, 'tools-1.jsonl'), `${lines}\n`)
    // The same session copied into a resumed file: no call counted twice, none re-opened.
    fs.writeFileSync(path.join(transcripts, 'tools-1-resumed.jsonl'), `${lines}\n`)
    await call('import-run', { source: 'claude-code', from: [transcripts] })

    const session = await call<{ calls: ToolCallView[]; stats: ToolStatView[] }>('session-tools', { sessionId: 'tools-1' })
    expect(session.calls.map((c) => [c.id, c.name, c.status, c.durationMs])).toEqual([
      ['toolu_a', 'Bash', 'error', 1000],
      ['toolu_b', 'Bash', 'ok', 1000],
      ['toolu_c', 'Read', 'ok', 500],
      ['toolu_d', 'Grep', 'pending', null],
    ])
    expect(session.stats).toEqual([
      { tool: 'Bash', calls: 2, errors: 1, errorRate: 0.5, p50Ms: 1000, p95Ms: 1000 },
      { tool: 'Grep', calls: 1, errors: 0, errorRate: null, p50Ms: null, p95Ms: null },
      { tool: 'Read', calls: 1, errors: 0, errorRate: 0, p50Ms: 500, p95Ms: 500 },
    ])
    // No input or output of a call is stored.
    const stored = JSON.stringify(context.database.sqlite.prepare('select * from tool_calls').all())
    expect(stored).not.toContain('npm test')
    expect(stored).not.toContain('src/app.ts')

    const insights = await call<{ tools: ToolStatView[] }>('tools-insights', { days: 30 })
    expect(insights.tools.map((t) => [t.tool, t.calls, t.errors])).toEqual([['Bash', 2, 1], ['Grep', 1, 0], ['Read', 1, 0]])
    const errors = await call<ToolErrorView[]>('tool-errors', { tool: 'Bash', days: 30 })
    expect(errors).toEqual([{ toolUseId: 'toolu_a', sessionId: 'tools-1', projectName: path.basename(project), startedAt: new Date(start + 2000).toISOString() }])

    // Left out of insights: its tools leave the Insights figures too.
    const [registered] = await call<Array<{ id: number }>>('projects-list', {})
    await call('projects-update', { id: registered!.id, includeInInsights: false })
    expect((await call<{ tools: ToolStatView[] }>('tools-insights', { days: 30 })).tools).toEqual([])
  })
})
