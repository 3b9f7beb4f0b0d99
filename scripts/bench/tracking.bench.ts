import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { EventFileIngester } from '../../src/main/ingest/event-file-ingester'
import { importTranscripts } from '../../src/main/imports/claude-code/transcript-importer'
import { openDatabase } from '../../src/main/storage/database'
import { report } from './stats'

const EVENTS = Number(process.env.BENCH_EVENTS ?? 1_000_000)

/** Event-log ingest throughput (target ≥ 150,000 events/s) and transcript import speed. */
export async function benchTracking(sharedCorpus: string | null): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'session-buddy-bench-tracking-'))
  try {
    const database = await openDatabase(path.join(dir, 'db.sqlite'))
    const project = path.join(dir, 'project')
    fs.mkdirSync(project)
    const projectId = Number(database.sqlite.prepare("insert into projects (path, name, registered_at, updated_at) values (?, 'bench', 'now', 'now')").run(project).lastInsertRowid)

    // A realistic mix: per 10 events, 4 invoked + 4 completed/failed + 1 prompt + 1 workflow node.
    const file = path.join(dir, 'events.jsonl')
    const out = fs.openSync(file, 'w')
    let lines: string[] = []
    const base = Date.parse('2026-11-01T00:00:00Z')
    for (let i = 0; i < EVENTS; i++) {
      const session = `s${Math.floor(i / 200)}`
      const ts = new Date(base + i * 1000).toISOString()
      const k = i % 10
      const inv = `i${Math.floor(i / 10)}-${k % 4}`
      const e =
        k < 4
          ? { v: 1, id: `e${i}`, ts, session_id: session, type: 'skill.invoked', invocation_id: inv, skill: `skill-${k}`, workflow_path: 'quick' }
          : k < 8
            ? { v: 1, id: `e${i}`, ts, session_id: session, type: k === 7 ? 'skill.failed' : 'skill.completed', invocation_id: `i${Math.floor(i / 10)}-${k - 4}`, skill: `skill-${k - 4}`, duration_ms: 1200, ...(k === 7 ? { error_type: 'TypeError' } : { follow_up_actions: ['git commit'] }) }
            : k === 8
              ? { v: 1, id: `e${i}`, ts, session_id: session, type: 'prompt.submitted', prompt: 'fix the failing tests' }
              : { v: 1, id: `e${i}`, ts, session_id: session, type: 'workflow.node.completed', workflow_run_id: `r${session}`, node_id: `n${i % 50}`, duration_ms: 300 }
      lines.push(JSON.stringify(e))
      if (lines.length === 10_000) {
        fs.writeSync(out, `${lines.join('\n')}\n`)
        lines = []
      }
    }
    if (lines.length) fs.writeSync(out, `${lines.join('\n')}\n`)
    fs.closeSync(out)
    const size = fs.statSync(file).size

    const ingester = new EventFileIngester(database.sqlite)
    const start = performance.now()
    const result = ingester.ingest(file, { id: projectId, storePrompts: false })
    const seconds = (performance.now() - start) / 1000
    report(`event-log ingest, ${EVENTS.toLocaleString('en')} events (${(size / 1e6).toFixed(0)} MB)`, `${Math.round(result.events / seconds).toLocaleString('en')} events/s (${seconds.toFixed(2)} s, ${result.errors} errors)`)
    const again = performance.now()
    ingester.ingest(file, { id: projectId, storePrompts: false })
    report('event-log ingest, nothing new (offset check)', `${(performance.now() - again).toFixed(2)} ms`)
    await database.close()

    if (sharedCorpus) await benchTranscripts(sharedCorpus, dir)
    else report('transcript import', 'skipped: ../shared/corpus not present')
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
}

/** Transcript import speed on a large file built by repeating the corpus's biggest real transcript under new ids. */
async function benchTranscripts(corpus: string, dir: string): Promise<void> {
  const source = path.join(corpus, 'transcripts', 'marot__spotter', 'test', 'fixtures', 'transcripts', 'ae4a77f8-aedd-4bc1-888f-c94edc91af04.jsonl')
  const original = fs.readFileSync(source, 'utf8')
  const cwd = JSON.parse(original.split('\n').find((l) => l.includes('"cwd"'))!).cwd as string
  const file = path.join(dir, 'big-transcript.jsonl')
  const out = fs.openSync(file, 'w')
  for (let copy = 0; fs.fstatSync(out).size < 100e6; copy++) {
    fs.writeSync(out, original.replace(/toolu_[A-Za-z0-9]+/g, (id) => `${id}_${copy}`).replace(/"sessionId":"[^"]+"/g, `"sessionId":"bench-${copy}"`))
  }
  fs.closeSync(out)
  const database = await openDatabase(path.join(dir, 'transcripts.sqlite'))
  database.sqlite.prepare("insert into projects (path, name, registered_at, updated_at) values (?, 'bench', 'now', 'now')").run(cwd)
  const start = performance.now()
  const result = await importTranscripts(database.sqlite, { roots: [file] })
  const seconds = (performance.now() - start) / 1000
  report(`transcript import, ${(result.bytes / 1e6).toFixed(0)} MB real transcript lines`, `${(result.bytes / 1e6 / seconds).toFixed(1)} MB/s (${seconds.toFixed(2)} s, ${result.invocationsAdded} invocations)`)
  await database.close()
}
