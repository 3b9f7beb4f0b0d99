import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { importTranscripts } from '../imports/claude-code/transcript-importer'
import { findTranscriptFiles } from '../imports/claude-code/transcript-files'
import { addProjectRow, databaseWithProject } from '../test-support/project-db'
import { SHARED_AVAILABLE, SHARED_SKIP_MESSAGE, corpusPath } from '../test-support/shared-corpus'
import { tempDir } from '../test-support/temp-dir'
import { UsageService } from './usage.service'

const root = corpusPath('transcripts')

interface Line {
  timestamp?: string
  sessionId?: string
  cwd?: string
  requestId?: string
  message?: { id?: string; model?: string; usage?: Record<string, unknown> }
}

/**
 * Tokens per session, counted here without the importer: every parsed line whose message.usage has
 * numeric input and output tokens, once per message id + request id (lines without both count every
 * time, as ccusage counts them), in sessions whose file names a working folder.
 */
function expectedTokens(files: string[], seen = new Set<string>()): { bySession: Map<string, number>; unkeyed: number } {
  const bySession = new Map<string, number>()
  let unkeyed = 0
  for (const file of files) {
    const lines: Line[] = fs
      .readFileSync(file, 'utf8')
      .split('\n')
      .flatMap((text) => {
        try {
          const value = JSON.parse(text)
          return value && typeof value === 'object' && !Array.isArray(value) ? [value as Line] : []
        } catch {
          return []
        }
      })
    const sessionsWithFolder = new Set(lines.filter((l) => l.cwd).map((l) => l.sessionId ?? path.basename(file, '.jsonl')))
    for (const line of lines) {
      const usage = line.message?.usage
      if (!usage || typeof usage.input_tokens !== 'number' || typeof usage.output_tokens !== 'number') continue
      if (!line.timestamp || Number.isNaN(Date.parse(line.timestamp))) continue
      const session = line.sessionId ?? path.basename(file, '.jsonl')
      if (!sessionsWithFolder.has(session)) continue
      const key = line.message?.id && line.requestId ? `${line.message.id}:${line.requestId}` : null
      if (key && seen.has(key)) continue
      if (key) seen.add(key)
      const n = [usage.input_tokens, usage.output_tokens, usage.cache_creation_input_tokens, usage.cache_read_input_tokens].reduce<number>((sum, v) => sum + (typeof v === 'number' ? v : 0), 0)
      if (!key) unkeyed += n
      bySession.set(session, (bySession.get(session) ?? 0) + n)
    }
  }
  return { bySession, unkeyed }
}

function cwdsOf(files: string[]): Set<string> {
  const cwds = new Set<string>()
  for (const file of files) for (const match of fs.readFileSync(file, 'utf8').matchAll(/"cwd":"([^"]+)"/g)) cwds.add(match[1]!)
  return cwds
}

describe.skipIf(!SHARED_AVAILABLE)(`tokens in the shared corpus's transcripts ${SHARED_AVAILABLE ? '' : SHARED_SKIP_MESSAGE}`, () => {
  it('counts every reply of every session once, and a resumed copy adds only the lines ccusage also counts again', async () => {
    const files = findTranscriptFiles([root])
    const t = await databaseWithProject()
    for (const cwd of cwdsOf(files)) addProjectRow(t.database, cwd)
    await importTranscripts(t.sqlite, { roots: [root] })

    const expected = expectedTokens(files)
    const usage = new UsageService(t.sqlite, null)
    const report = usage.sessions()
    const stored = new Map(report.sessions.map((s) => [s.sessionId, s.totalTokens]))
    expect(stored).toEqual(expected.bySession)
    expect(report.totals.totalTokens).toBe([...expected.bySession.values()].reduce((a, b) => a + b, 0))
    expect(report.totals.totalTokens).toBeGreaterThan(1_000_000)
    // Models with no known price are flagged, not guessed.
    // Models with no known price are flagged, not guessed: claude-opus-5 is not in the table; the rest are.
    expect(report.totals.unpricedModels).toEqual(['claude-opus-5'])

    // The same files again, as Claude Code copies them into a resumed session's file.
    const copies = tempDir()
    for (const [i, file] of files.entries()) fs.copyFileSync(file, path.join(copies, `resumed-${i}.jsonl`))
    await importTranscripts(t.sqlite, { roots: [copies] })
    const again = usage.sessions().totals.totalTokens
    expect(again - report.totals.totalTokens).toBe(expected.unkeyed)
  })

})

describe('usage', () => {
  it('prices each model from the dated table, flags a model it has no price for, and takes prices.json over the table', async () => {
    const t = await databaseWithProject()
    const transcripts = tempDir()
    const reply = (n: number, model: string, usage: Record<string, number>, extra: Record<string, unknown> = {}) =>
      JSON.stringify({ type: 'assistant', sessionId: 's1', timestamp: `2026-11-20T10:00:0${n}.000Z`, requestId: `req-${n}`, message: { id: `msg-${n}`, model, usage }, ...extra })
    const lines = [
      // Before the session names its folder: still the session's, so still this project's.
      reply(1, 'claude-sonnet-4-20250514', { input_tokens: 1000, output_tokens: 2000, cache_creation_input_tokens: 4000, cache_read_input_tokens: 8000 }),
      JSON.stringify({ type: 'user', sessionId: 's1', cwd: t.projectPath, timestamp: '2026-11-20T10:00:02.000Z', message: { role: 'user', content: 'go on' } }),
      reply(3, 'claude-opus-4-6', { input_tokens: 10, output_tokens: 20 }),
      reply(3, 'claude-opus-4-6', { input_tokens: 10, output_tokens: 20 }), // the same reply on a second line
      reply(4, 'claude-opus-9', { input_tokens: 5, output_tokens: 5 }),
    ]
    fs.writeFileSync(path.join(transcripts, 's1.jsonl'), `${lines.join('\n')}\n`)
    await importTranscripts(t.sqlite, { roots: [transcripts] })

    const dataDir = tempDir()
    const usage = new UsageService(t.sqlite, dataDir)
    const session = usage.session('s1')!
    expect(session).toMatchObject({ inputTokens: 1015, outputTokens: 2025, cacheCreationTokens: 4000, cacheReadTokens: 8000, totalTokens: 15_040, unpricedModels: ['claude-opus-9'], lastActivity: '2026-11-20' })
    const sonnet = (1000 * 3 + 2000 * 15 + 4000 * 3.75 + 8000 * 0.3) / 1e6
    const opus = (10 * 5 + 20 * 25) / 1e6
    expect(session.modelBreakdowns.map((m) => [m.modelName, m.unpriced])).toEqual([['claude-sonnet-4-20250514', false], ['claude-opus-4-6', false], ['claude-opus-9', true]])
    expect(session.totalCost).toBeCloseTo(sonnet + opus, 12)

    fs.writeFileSync(path.join(dataDir, 'prices.json'), JSON.stringify({ models: { 'claude-opus-9': { input: 10, output: 50 } } }))
    const priced = usage.sessions()
    expect(priced.prices.overridden).toBe(true)
    expect(priced.totals.unpricedModels).toEqual([])
    expect(priced.totals.totalCost).toBeCloseTo(sonnet + opus + (5 * 10 + 5 * 50) / 1e6, 12)

    fs.writeFileSync(path.join(dataDir, 'prices.json'), '{\n  "models": {\n    "x": { "input": 1, }\n  }\n}\n')
    expect(() => usage.sessions()).toThrow(new RegExp(`${path.join(dataDir, 'prices.json').replaceAll('/', '\\/')}:3:24: not valid JSON`))
  })
})
