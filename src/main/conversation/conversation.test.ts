import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import type { ConversationPage, ConversationSearchState } from '../../shared/api/conversation'
import { findTranscriptFiles } from '../imports/claude-code/transcript-files'
import { contextWithProject } from '../test-support/app-context'
import { SHARED_AVAILABLE, SHARED_SKIP_MESSAGE, corpusPath } from '../test-support/shared-corpus'
import { tempDir } from '../test-support/temp-dir'
import { TranscriptLines } from '../test-support/transcript-lines'
import { readMessages } from './conversation-reader'
import { transcriptIndex } from './transcript-index'

async function sessionWithTranscript() {
  const { call, project } = await contextWithProject()
  const transcripts = tempDir()
  const lines = new TranscriptLines(project, 'conv-1', Date.UTC(2026, 10, 20, 9))
    .prompt(0, 'why do the checkout tests fail?')
    .text(1, 'Let me run them.')
    .bash(2, 'toolu_run', 'npm test', false)
    .tool(5, 'toolu_read', 'Read', { file_path: 'src/checkout.ts' })
    .result(6, 'toolu_read', 'export function total() {}')
    .text(7, 'The total ignores discounts.')
  for (let i = 0; i < 300; i++) lines.text(10 + i, `Step ${i}`)
  const file = path.join(transcripts, 'conv-1.jsonl')
  fs.writeFileSync(file, `${lines}\n`)
  await call('import-run', { source: 'claude-code', from: [transcripts] })
  return { call, file }
}

describe('a session conversation', () => {
  it('is read from the transcript a page at a time, each tool call with its input and result', async () => {
    const { call, file } = await sessionWithTranscript()
    const page = await call<ConversationPage>('session-conversation', { sessionId: 'conv-1', limit: 10 })
    expect(page).toMatchObject({ file, files: [{ path: file, kind: 'main', bytes: fs.statSync(file).size }], missing: [], start: 0, next: 10, total: 307, complete: true, focus: null })
    expect(page.messages.map((m) => [m.role, m.blocks.map((b) => b.kind)])).toEqual([
      ['user', ['text']],
      ['assistant', ['text']],
      ['assistant', ['tool']],
      ['assistant', ['tool']],
      ['assistant', ['text']],
      ['assistant', ['text']],
      ['assistant', ['text']],
      ['assistant', ['text']],
    ])
    const [run, read] = page.messages.slice(2, 4).map((m) => m.blocks[0]!)
    expect(run).toMatchObject({ kind: 'tool', id: 'toolu_run', name: 'Bash', result: { text: 'Exit code 1\nFAILED', isError: true } })
    expect(run?.kind === 'tool' && JSON.parse(run.input)).toEqual({ command: 'npm test', description: 'Run it' })
    expect(read).toMatchObject({ kind: 'tool', name: 'Read', result: { text: 'export function total() {}', isError: false } })

    // The next page, and a page opened at a call or a moment.
    const next = await call<ConversationPage>('session-conversation', { sessionId: 'conv-1', start: page.next, limit: 10 })
    expect(next.messages[0]).toMatchObject({ line: 10, blocks: [{ kind: 'text', text: 'Step 3' }] })
    const atCall = await call<ConversationPage>('session-conversation', { sessionId: 'conv-1', around: { toolUseId: 'toolu_read' } })
    expect(atCall).toMatchObject({ focus: 4, start: 1 })
    const atMoment = await call<ConversationPage>('session-conversation', { sessionId: 'conv-1', around: { ts: new Date(Date.UTC(2026, 10, 20, 9, 0, 100)).toISOString() } })
    expect(atMoment.messages.find((m) => m.line === atMoment.focus)).toMatchObject({ blocks: [{ text: 'Step 90' }] })
  })

  it('reads a long transcript only as far as a page needs, and the rest as pages ask for it', async () => {
    const { call, file } = await sessionWithTranscript()
    const long = new TranscriptLines(path.dirname(file), 'conv-1', Date.UTC(2026, 10, 21, 9))
    for (let i = 0; i < 3000; i++) long.text(i, `${i}: ${'x'.repeat(4000)}`)
    long.tool(3000, 'toolu_last', 'Bash', { command: 'ls' }).result(3001, 'toolu_last', 'done')
    fs.appendFileSync(file, `${long}\n`)
    const first = await call<ConversationPage>('session-conversation', { sessionId: 'conv-1', limit: 50 })
    expect(first).toMatchObject({ start: 0, next: 50, complete: false })
    expect(first.total).toBeLessThan(3000)
    const last = await call<ConversationPage>('session-conversation', { sessionId: 'conv-1', around: { toolUseId: 'toolu_last' } })
    expect(last.messages.find((m) => m.line === last.focus)!.blocks[0]).toMatchObject({ kind: 'tool', result: { text: 'done', isError: false } })
    const end = await call<ConversationPage>('session-conversation', { sessionId: 'conv-1', start: last.next })
    expect(end).toMatchObject({ complete: true, total: 307 + 3002, messages: [] })
  })

  it('says when the transcript is gone, and reads nothing outside the session', async () => {
    const { call, file } = await sessionWithTranscript()
    fs.rmSync(file)
    expect(await call<ConversationPage>('session-conversation', { sessionId: 'conv-1' })).toMatchObject({ files: [], missing: [file], messages: [] })
    const other = await call<ConversationPage>('session-conversation', { sessionId: 'conv-1', file: '/etc/passwd' })
    expect(other.messages).toEqual([])
  })
})

describe('finding text in conversations', () => {
  it('finds a phrase in any case across the sessions of registered projects, with the words around it', async () => {
    const { call } = await sessionWithTranscript()
    const { id } = await call<{ id: string }>('conversation-search-start', { text: 'IGNORES discounts' })
    // Polled as the page does, letting the search read its files in between.
    const finished = async (searchId: string) => {
      for (;;) {
        const state = await call<ConversationSearchState>('conversation-search-results', { id: searchId })
        if (state.done) return state
        await new Promise((resolve) => setTimeout(resolve, 10))
      }
    }
    let state = await finished(id)
    expect(state).toMatchObject({ files: 1, filesSearched: 1, cancelled: false, capped: false })
    expect(state.hits).toEqual([
      { sessionId: 'conv-1', projectName: expect.any(String), ts: '2026-11-20T09:00:07.000Z', role: 'assistant', where: 'text', before: 'The total ', match: 'ignores discounts', after: '.' },
    ])
    // In a tool's input and result too.
    const inTools = await call<{ id: string }>('conversation-search-start', { text: 'src/checkout.ts' })
    state = await finished(inTools.id)
    expect(state.hits.map((h) => h.where)).toEqual(['tool input'])
    expect(await call('conversation-search-cancel', { id: inTools.id })).toEqual({ cancelled: false })
  })
})

describe.skipIf(!SHARED_AVAILABLE)(`conversations of the shared corpus's transcripts ${SHARED_AVAILABLE ? '' : SHARED_SKIP_MESSAGE}`, () => {
  it('shows every prompt and reply of every file, and pairs each tool call with its result when the file holds one', () => {
    for (const file of findTranscriptFiles([corpusPath('transcripts')])) {
      // Counted here without the reader: parsed lines of type user or assistant, tool calls and results.
      const calls = new Set<string>()
      const results = new Map<string, boolean>()
      let conversationLines = 0
      for (const text of fs.readFileSync(file, 'utf8').split('\n')) {
        let value: { type?: unknown; message?: { content?: unknown } }
        try {
          value = JSON.parse(text)
        } catch {
          continue
        }
        if (value?.type !== 'user' && value?.type !== 'assistant') continue
        conversationLines++
        for (const block of Array.isArray(value.message?.content) ? (value.message.content as Array<Record<string, unknown>>) : []) {
          if (block.type === 'tool_use' && typeof block.id === 'string') calls.add(block.id)
          if (block.type === 'tool_result' && typeof block.tool_use_id === 'string') results.set(block.tool_use_id, block.is_error === true)
        }
      }
      const index = transcriptIndex(file, () => false)
      expect(index.complete, file).toBe(true)
      expect(index.starts.length, file).toBe(conversationLines)
      const messages = readMessages(index, 0, index.starts.length)
      const tools = messages.flatMap((m) => m.blocks.flatMap((b) => (b.kind === 'tool' ? [b] : [])))
      expect(new Set(tools.map((t) => t.id)), file).toEqual(calls)
      for (const tool of tools) {
        if (results.has(tool.id)) expect(tool.result?.isError, `${file} ${tool.id}`).toBe(results.get(tool.id))
        else expect(tool.result, `${file} ${tool.id}`).toBeNull()
      }
    }
  })
})
