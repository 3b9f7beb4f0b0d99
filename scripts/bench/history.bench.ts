import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { ConversationReader } from '../../src/main/conversation/conversation-reader'
import { ConversationSearch } from '../../src/main/conversation/conversation-search'
import { findTranscriptFiles } from '../../src/main/imports/claude-code/transcript-files'
import { openDatabase } from '../../src/main/storage/database'
import { report } from './stats'

/**
 * Session history (#15): the first screen of a 100 MB transcript's conversation (target < 500 ms) and
 * finding a phrase in 20 copies of the corpus's transcripts (target: 224 MB in under 3 s).
 */
export async function benchHistory(corpus: string | null): Promise<void> {
  if (!corpus) return report('session history', 'skipped: ../shared/corpus not present')
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'session-buddy-bench-history-'))
  try {
    const database = await openDatabase(path.join(dir, 'history.sqlite'))
    const now = new Date().toISOString()
    const projectId = Number(database.sqlite.prepare("insert into projects (path, name, registered_at, updated_at) values (?, 'bench', ?, ?)").run(dir, now, now).lastInsertRowid)
    const addFile = database.sqlite.prepare('insert or ignore into session_files (session_id, path, project_id) values (?, ?, ?)')

    // The corpus's biggest real transcript repeated to 100 MB, as one long session.
    const source = path.join(corpus, 'transcripts', 'marot__spotter', 'test', 'fixtures', 'transcripts', 'ae4a77f8-aedd-4bc1-888f-c94edc91af04.jsonl')
    const original = fs.readFileSync(source)
    const big = path.join(dir, 'long-session.jsonl')
    const out = fs.openSync(big, 'w')
    while (fs.fstatSync(out).size < 100e6) fs.writeSync(out, original)
    fs.closeSync(out)
    addFile.run('long-session', big, projectId)
    const reader = new ConversationReader(database.sqlite)
    let started = performance.now()
    reader.page({ sessionId: 'long-session' })
    const cold = performance.now() - started
    // A moment after the last line: the whole file is indexed on the way there.
    started = performance.now()
    const atEnd = reader.page({ sessionId: 'long-session', around: { ts: '2100-01-01T00:00:00.000Z' } })
    const whole = performance.now() - started
    started = performance.now()
    reader.page({ sessionId: 'long-session', start: Math.floor(atEnd.total / 2) })
    const warm = performance.now() - started
    report(`conversation first screen, ${(fs.statSync(big).size / 1e6).toFixed(0)} MB transcript (target < 500 ms)`, `${cold.toFixed(0)} ms cold`)
    report('  jump to its end (indexes the whole file), then a page mid-file', `${whole.toFixed(0)} ms (${atEnd.total.toLocaleString('en-US')} lines), then ${warm.toFixed(1)} ms`)

    // Twenty copies of every corpus transcript, each copy its own session.
    const copies = path.join(dir, 'copies')
    const files = findTranscriptFiles([path.join(corpus, 'transcripts')])
    for (let copy = 0; copy < 20; copy++) {
      for (const [i, file] of files.entries()) {
        const target = path.join(copies, String(copy), `${i}.jsonl`)
        fs.mkdirSync(path.dirname(target), { recursive: true })
        fs.copyFileSync(file, target)
        addFile.run(`copy-${copy}-${i}`, target, projectId)
      }
    }
    const search = new ConversationSearch(database.sqlite)
    for (const phrase of ['ambiguous argument', 'the tests pass']) {
      const { id } = search.start(phrase)
      let state = search.results(id)
      while (!state.done) {
        await new Promise((resolve) => setTimeout(resolve, 5))
        state = search.results(id)
      }
      report(`find "${phrase}" in ${state.files} transcripts (target: 224 MB < 3 s)`, `${(state.elapsedMs / 1000).toFixed(2)} s for ${(state.bytes / 1e6).toFixed(0)} MB, ${state.hits.length}${state.capped ? ' (capped)' : ''} matches`)
    }
    await database.close()
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
}
