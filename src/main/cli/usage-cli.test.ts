import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { runCli } from '../test-support/run-cli'
import { tempDir } from '../test-support/temp-dir'

/** A project Claude Code worked in, with one transcript of two priced replies and one of a model with no price. */
async function projectWithTranscript() {
  const home = fs.realpathSync(tempDir())
  const project = path.join(home, 'code', 'shop')
  fs.mkdirSync(project, { recursive: true })
  const claude = path.join(home, '.claude')
  const folder = path.join(claude, 'projects', project.replaceAll(path.sep, '-'))
  fs.mkdirSync(folder, { recursive: true })
  const line = (n: number, day: string, model: string, input: number, output: number) =>
    JSON.stringify({ type: 'assistant', sessionId: `s-${day}`, cwd: project, timestamp: `${day}T10:00:0${n}.000Z`, requestId: `r${n}`, message: { id: `m${n}`, model, usage: { input_tokens: input, output_tokens: output, cache_read_input_tokens: 100 } } })
  fs.writeFileSync(path.join(folder, 'a.jsonl'), [line(1, '2026-11-01', 'claude-sonnet-4-5-20250929', 1000, 500), line(2, '2026-11-01', 'claude-sonnet-4-5-20250929', 1000, 500)].join('\n') + '\n')
  fs.writeFileSync(path.join(folder, 'b.jsonl'), line(3, '2026-11-20', 'claude-next-1', 10, 10) + '\n')
  const data = tempDir()
  const env = { CLAUDE_CONFIG_DIR: claude, HOME: home }
  expect((await runCli(['--data-dir', data, 'projects', 'add', project], { env })).code).toBe(0)
  return { data, project, env }
}

describe('session-buddy usage', () => {
  it('prints sessions and totals with the field names of ccusage session --json', async () => {
    const { data, project, env } = await projectWithTranscript()
    const result = await runCli(['--data-dir', data, 'usage', '--json', '--project', project], { env })
    expect(result.stderr).toBe('')
    const report = JSON.parse(result.stdout)
    const sonnet = (2000 * 3 + 1000 * 15 + 200 * 0.3) / 1e6
    expect(report.sessions).toEqual([
      { sessionId: 's-2026-11-20', projectPath: project, inputTokens: 10, outputTokens: 10, cacheCreationTokens: 0, cacheReadTokens: 100, totalTokens: 120, totalCost: 0, lastActivity: '2026-11-20', modelsUsed: ['claude-next-1'], modelBreakdowns: [{ modelName: 'claude-next-1', inputTokens: 10, outputTokens: 10, cacheCreationTokens: 0, cacheReadTokens: 100, cost: 0, unpriced: true }], unpricedModels: ['claude-next-1'] },
      expect.objectContaining({ sessionId: 's-2026-11-01', inputTokens: 2000, outputTokens: 1000, cacheReadTokens: 200, totalTokens: 3200, modelsUsed: ['claude-sonnet-4-5-20250929'] }),
    ])
    expect(report.sessions[1].totalCost).toBeCloseTo(sonnet, 12)
    expect(report.totals).toMatchObject({ inputTokens: 2010, outputTokens: 1010, cacheCreationTokens: 0, cacheReadTokens: 300, totalTokens: 3320, unpricedModels: ['claude-next-1'] })

    const since = JSON.parse((await runCli(['--data-dir', data, 'usage', '--json', '--since', '2026-11-10'], { env })).stdout)
    expect(since.sessions.map((s: { sessionId: string }) => s.sessionId)).toEqual(['s-2026-11-20'])

    const table = await runCli(['--data-dir', data, 'usage'], { env })
    expect(table.stdout).toContain('Total: 3,320 tokens, $0.02 at prices of')
    expect(table.stdout).toContain('* No price is known for claude-next-1: counted as $0.')
    expect((await runCli(['--data-dir', data, 'usage', '--since', '1 Nov'], { env })).stderr).toContain('--since must be a day as YYYY-MM-DD, not "1 Nov"')
  })
})
