import { randomUUID } from 'node:crypto'
import fs from 'node:fs'
import type BetterSqlite3 from 'better-sqlite3'
import type { ConversationHit, ConversationSearchState } from '../../shared/api/conversation'
import { ApiError } from '../../shared/api/errors'
import { all, query } from '../storage/typed-query'
import { resultText } from './conversation-reader'

const MAX_HITS = 500
const HITS_PER_LINE = 3
const CONTEXT = 80
/** Finished searches are kept this long for their last poll, then forgotten. */
const KEEP_MS = 5 * 60_000

interface Job extends ConversationSearchState {
  started: number
}

type Block = Record<string, unknown>

/**
 * Finds a phrase in the conversations of registered projects by reading their transcripts on demand:
 * each file is scanned as bytes for the phrase (case-insensitive for ASCII letters) and only the lines
 * that hold it are parsed, so hundreds of megabytes take a few seconds. Hits are kept per search for
 * the page to poll while it runs; nothing is stored.
 */
export class ConversationSearch {
  private readonly jobs = new Map<string, Job>()

  constructor(private readonly sqlite: BetterSqlite3.Database) {}

  start(text: string): { id: string } {
    this.forgetOld()
    const files = all(
      this.sqlite,
      query
        .selectFrom('session_files as f')
        .innerJoin('projects as p', 'p.id', 'f.project_id')
        .select(['f.path', 'p.name'])
        .where('p.track', '=', 1)
        .groupBy('f.path')
        .orderBy('f.path'),
    )
    const job: Job = { id: randomUUID().slice(0, 18), text, hits: [], filesSearched: 0, files: files.length, bytes: 0, done: false, cancelled: false, capped: false, elapsedMs: 0, started: performance.now() }
    this.jobs.set(job.id, job)
    void this.run(job, files)
    return { id: job.id }
  }

  results(id: string, after = 0): ConversationSearchState {
    const job = this.jobs.get(id)
    if (!job) throw new ApiError('not-found', `no search ${id}: it finished more than five minutes ago`)
    const { started: _started, ...state } = job
    return { ...state, hits: job.hits.slice(after), elapsedMs: Math.round(job.done ? job.elapsedMs : performance.now() - job.started) }
  }

  cancel(id: string): { cancelled: boolean } {
    const job = this.jobs.get(id)
    if (!job || job.done) return { cancelled: false }
    job.cancelled = true
    return { cancelled: true }
  }

  private async run(job: Job, files: Array<{ path: string; name: string }>): Promise<void> {
    const pattern = bytePattern(job.text)
    const needle = job.text.toLowerCase()
    for (const file of files) {
      if (job.cancelled || job.capped) break
      let bytes: Buffer
      try {
        bytes = await fs.promises.readFile(file.path)
      } catch {
        job.filesSearched++
        continue // deleted since it was imported
      }
      job.bytes += bytes.length
      const latin = bytes.toString('latin1')
      pattern.lastIndex = 0
      let lastLineEnd = -1
      for (let m = pattern.exec(latin); m; m = pattern.exec(latin)) {
        if (m.index < lastLineEnd) continue
        const lineStart = latin.lastIndexOf('\n', m.index) + 1
        let lineEnd = latin.indexOf('\n', m.index)
        if (lineEnd === -1) lineEnd = latin.length
        lastLineEnd = lineEnd
        pattern.lastIndex = lineEnd
        for (const hit of hitsInLine(bytes.toString('utf8', lineStart, lineEnd), needle, file.name)) {
          job.hits.push(hit)
          if (job.hits.length >= MAX_HITS) {
            job.capped = true
            break
          }
        }
        if (job.capped) break
      }
      job.filesSearched++
      // Let polls and other calls in between files.
      await new Promise((resolve) => setImmediate(resolve))
    }
    job.elapsedMs = Math.round(performance.now() - job.started)
    job.done = true
  }

  private forgetOld(): void {
    const now = performance.now()
    for (const [id, job] of this.jobs) if (job.done && now - job.started - job.elapsedMs > KEEP_MS) this.jobs.delete(id)
  }
}

/** The phrase as it appears in the file's bytes (UTF-8 read as Latin-1), ASCII letters in either case. */
function bytePattern(text: string): RegExp {
  const latin = Buffer.from(text, 'utf8').toString('latin1')
  return new RegExp(latin.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'gi')
}

function hitsInLine(line: string, needle: string, projectName: string): ConversationHit[] {
  let value: Record<string, unknown>
  try {
    value = JSON.parse(line) as Record<string, unknown>
  } catch {
    return []
  }
  const role = value.type === 'user' ? 'user' : value.type === 'assistant' ? 'assistant' : null
  if (!role || typeof value.message !== 'object' || value.message === null) return []
  const content = (value.message as { content?: unknown }).content
  const blocks: Block[] = typeof content === 'string' ? [{ type: 'text', text: content }] : Array.isArray(content) ? (content as Block[]) : []
  const hits: ConversationHit[] = []
  const base = { sessionId: typeof value.sessionId === 'string' ? value.sessionId : '', projectName, ts: typeof value.timestamp === 'string' ? value.timestamp : null, role } as const
  for (const [where, text] of blocks.flatMap(textsOf)) {
    const at = text.toLowerCase().indexOf(needle)
    if (at === -1) continue
    hits.push({ ...base, where, before: text.slice(Math.max(0, at - CONTEXT), at).replace(/\s+/g, ' '), match: text.slice(at, at + needle.length), after: text.slice(at + needle.length, at + needle.length + CONTEXT).replace(/\s+/g, ' ') })
    if (hits.length >= HITS_PER_LINE) break
  }
  return base.sessionId ? hits : []
}

function textsOf(block: Block): Array<[ConversationHit['where'], string]> {
  if (block.type === 'text' && typeof block.text === 'string') return [['text', block.text]]
  if (block.type === 'thinking' && typeof block.thinking === 'string') return [['thinking', block.thinking]]
  if (block.type === 'tool_use') return [['tool input', JSON.stringify(block.input ?? {})]]
  if (block.type === 'tool_result') return [['tool result', resultText(block.content)]]
  return []
}
