import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import type { SessionSearchResult } from '../../shared/api/correlation'
import type { UsageBreakdownView } from '../../shared/api/usage'
import { contextWithProject } from '../test-support/app-context'
import { tempDir } from '../test-support/temp-dir'
import { TranscriptLines } from '../test-support/transcript-lines'

describe('tokens and cost on the Sessions list', () => {
  it('shows each session its tokens and cost, sorts by either, and leaves sessions without token data last', async () => {
    const { call, project } = await contextWithProject()
    const transcripts = tempDir()
    const write = (id: string, minute: number, build: (t: TranscriptLines) => TranscriptLines) =>
      fs.writeFileSync(path.join(transcripts, `${id}.jsonl`), `${build(new TranscriptLines(project, id, Date.UTC(2026, 10, 20, 9, minute))).toString()}\n`)
    // Newest first: cheap (10:02), none (10:01), dear (10:00).
    write('dear', 0, (t) => t.prompt(0, 'refactor it all').reply(5, 'Done.', { input: 1000, output: 40_000 }))
    write('none', 1, (t) => t.prompt(0, 'hello').text(1, 'Hi.'))
    write('cheap', 2, (t) => t.prompt(0, 'typo').reply(5, 'Fixed.', { input: 100, output: 100, cacheRead: 50_000 }, 'claude-haiku-4-5-20251001'))
    await call('import-run', { source: 'claude-code', from: [transcripts] })

    const list = (sort?: string) => call<SessionSearchResult>('sessions-search', sort ? { sort } : {})
    const newest = await list()
    expect(newest.sessions.map((s) => s.id)).toEqual(['cheap', 'none', 'dear'])
    const byId = new Map(newest.sessions.map((s) => [s.id, s]))
    expect(byId.get('dear')).toMatchObject({ tokens: 41_000, unpriced: false })
    expect(byId.get('dear')!.cost).toBeCloseTo((1000 * 5 + 40_000 * 25) / 1e6, 12)
    expect(byId.get('cheap')).toMatchObject({ tokens: 50_200 })
    expect(byId.get('cheap')!.cost).toBeCloseTo((100 * 1 + 100 * 5 + 50_000 * 0.1) / 1e6, 12)
    expect(byId.get('none')).toMatchObject({ tokens: null, cost: null, unpriced: false })

    expect((await list('cost')).sessions.map((s) => s.id)).toEqual(['dear', 'cheap', 'none'])
    expect((await list('tokens')).sessions.map((s) => s.id)).toEqual(['cheap', 'dear', 'none'])
  })

  it('counts what each skill costs from the replies written while its runs were open, and what each project costs', async () => {
    const { call, project } = await contextWithProject()
    const transcripts = tempDir()
    const start = Date.now() - 3_600_000
    const lines = new TranscriptLines(project, 'costly', start)
      .prompt(0, 'lint it')
      .reply(1, 'Sure.', { input: 1_000, output: 0 }) // before the run
      .skill(2, 'toolu_lint', 'lint')
      .reply(5, 'Linted.', { input: 0, output: 2_000 }) // inside it
      .turnEnd(6)
      .prompt(10, 'thanks, now ship it')
      .reply(11, 'Shipped.', { input: 0, output: 40_000 }) // after it
    fs.writeFileSync(path.join(transcripts, 'costly.jsonl'), `${lines}\n`)
    await call('import-run', { source: 'claude-code', from: [transcripts] })

    const view = await call<UsageBreakdownView>('usage-breakdown', { days: 30 })
    expect(view.projects).toEqual([{ projectId: expect.any(Number), name: path.basename(project), sessions: 1, tokens: 43_000, cost: expect.any(Number), unpriced: false }])
    expect(view.projects[0]!.cost).toBeCloseTo((1_000 * 5 + 42_000 * 25) / 1e6, 12)
    // Per UTC day: the first reply's day first, all the tokens over the days.
    expect(view.days[0]!.day).toBe(new Date(start + 1000).toISOString().slice(0, 10))
    expect(view.days.reduce((n, d) => n + d.tokens, 0)).toBe(43_000)
    expect(view.days.reduce((n, d) => n + d.cost, 0)).toBeCloseTo(view.projects[0]!.cost, 12)
    expect(view.skills).toEqual([{ skill: 'lint', runs: 1, tokens: 2_000, cost: expect.any(Number), costPerRun: expect.any(Number), unpriced: false }])
    expect(view.skills[0]!.cost).toBeCloseTo((2_000 * 25) / 1e6, 12)
    expect(view.skills[0]!.costPerRun).toBeCloseTo(view.skills[0]!.cost, 12)
  })
})
