import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { EventFileIngester } from '../../src/main/ingest/event-file-ingester'
import { importTranscripts } from '../../src/main/imports/claude-code/transcript-importer'
import type { CatalogueSkill } from '../../src/main/catalogue/catalogue.service'
import { parseSkillFile } from '../../src/main/catalogue/skill-file-parser'
import { PromptMatcher } from '../../src/main/coverage/prompt-matcher'
import { PromptScoring } from '../../src/main/coverage/prompt-scoring'
import { findTranscriptFiles } from '../../src/main/imports/claude-code/transcript-files'
import { listFilesDeep } from '../../src/main/system/files'
import { openDatabase } from '../../src/main/storage/database'
import { summaryUpkeepTotals } from '../../src/main/insights/summary-upkeep'
import { ms, report } from './stats'

const EVENTS = Number(process.env.BENCH_EVENTS ?? 1_000_000)

/** Event-log ingest throughput (target ≥ 150,000 events/s) and transcript import speed. */
export async function benchTracking(root: string, sharedCorpus: string | null): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'session-buddy-bench-tracking-'))
  try {
    const database = await openDatabase(path.join(dir, 'db.sqlite'))
    const project = path.join(dir, 'project')
    fs.mkdirSync(project)
    const projectId = Number(database.sqlite.prepare("insert into projects (path, name, registered_at, updated_at) values (?, 'bench', 'now', 'now')").run(project).lastInsertRowid)

    // A realistic mix: per 10 events, 4 invoked + 4 completed/failed + 1 prompt + 1 workflow node.
    const file = path.join(project, '.session-buddy', 'events', 'bench.jsonl')
    fs.mkdirSync(path.dirname(file), { recursive: true })
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

    await database.close()

    // The product path: `session-buddy ingest` as a process, on a fresh copy of the database each time;
    // median of three runs, process start included. Paired: parsing in a worker thread while the main one
    // writes (the default for a big backlog on 2+ cores), and everything in the main thread.
    const cli = path.join(root, 'bin', 'session-buddy.js')
    const paths = { worker: [] as number[], 'main thread': [] as number[] }
    let summary = { events: 0, errors: 0 }
    let reads = { first: 0, second: 0, noRefresh: 0 }
    for (let run = 0; run < 3; run++) {
      for (const [name, times] of Object.entries(paths)) {
        const data = path.join(dir, `data-${run}-${name.replace(' ', '-')}`)
        fs.mkdirSync(data)
        fs.copyFileSync(path.join(dir, 'db.sqlite'), path.join(data, 'session-buddy.sqlite'))
        const profile = process.env.BENCH_CPU_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROFILE}`] : []
        const env = name === 'worker' ? process.env : { ...process.env, SESSION_BUDDY_WORKER_THRESHOLD_BYTES: String(Number.MAX_SAFE_INTEGER) }
        const start = performance.now()
        const child = spawnSync(process.execPath, [...profile, cli, '--data-dir', data, 'ingest', '--json'], { encoding: 'utf8', env })
        times.push((performance.now() - start) / 1000)
        if (child.status !== 0) throw new Error(child.stderr)
        summary = JSON.parse(child.stdout) as { events: number; errors: number }
        if (run === 0 && name === 'worker') {
          // Summaries were kept current during the ingest: the first read finds little to add.
          const time = (...args: string[]) => {
            const t = performance.now()
            spawnSync(process.execPath, [cli, '--data-dir', data, ...args])
            return performance.now() - t
          }
          reads = { first: time('skills', '--json'), second: time('skills', '--json'), noRefresh: time('projects', 'list', '--json') }
        }
        fs.rmSync(data, { recursive: true })
      }
    }
    const median = (times: number[]) => [...times].sort((a, b) => a - b)[1]!
    for (const [name, times] of Object.entries(paths)) {
      const rates = times.map((s) => summary.events / s).sort((a, b) => a - b)
      report(
        `event-log ingest, ${EVENTS.toLocaleString('en')} events (${(size / 1e6).toFixed(0)} MB), CLI, ${name}`,
        `${Math.round(rates[1]!).toLocaleString('en')} events/s median (min ${Math.round(rates[0]!).toLocaleString('en')}, max ${Math.round(rates[2]!).toLocaleString('en')}; ${summary.errors} errors)`,
      )
    }
    report('worker against main thread, wall time (< 1: the worker pays here)', `${(median(paths.worker) / median(paths['main thread'])).toFixed(2)}× on ${os.availableParallelism()} cores`)
    report(
      'first skills --json after ingesting them (target < 1 s)',
      `${ms(reads.first)}; again ${ms(reads.second)}; projects list (reads no summaries) ${ms(reads.noRefresh)}`,
    )
    const nothingNew = path.join(dir, 'data-again')
    fs.mkdirSync(nothingNew)
    fs.copyFileSync(path.join(dir, 'db.sqlite'), path.join(nothingNew, 'session-buddy.sqlite'))
    spawnSync(process.execPath, [cli, '--data-dir', nothingNew, 'ingest', '--json'])
    const again = performance.now()
    spawnSync(process.execPath, [cli, '--data-dir', nothingNew, 'ingest', '--json'])
    report('event-log ingest, nothing new, CLI process', `${(performance.now() - again).toFixed(0)} ms`)

    // The same work in one thread (parse and write alternating), for comparison.
    const single = await openDatabase(path.join(dir, 'db.sqlite'))
    const ingester = new EventFileIngester(single.sqlite)
    const t0 = performance.now()
    const result = ingester.ingest(file, { id: projectId, storePrompts: false })
    const s0 = (performance.now() - t0) / 1000
    report('event-log ingest, same events, in this process', `${Math.round(result.events / s0).toLocaleString('en')} events/s (${s0.toFixed(2)} s)`)
    const upkeep = summaryUpkeepTotals(single.sqlite)
    report(
      'of which keeping insight summaries current (target ≤ 15 %)',
      `${((upkeep.ms / 1000 / s0) * 100).toFixed(1)} % (${upkeep.runs} upkeeps, ${ms(upkeep.ms)})`,
    )
    await single.close()

    if (sharedCorpus) await benchTranscripts(sharedCorpus, dir)
    else report('transcript import', 'skipped: ../shared/corpus not present')
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
}

/** Transcript import speed on a large file built by repeating the corpus's biggest real transcript under new ids. */
export async function benchTranscripts(corpus: string, dir: string): Promise<void> {
  const source = path.join(corpus, 'transcripts', 'marot__spotter', 'test', 'fixtures', 'transcripts', 'ae4a77f8-aedd-4bc1-888f-c94edc91af04.jsonl')
  const original = fs.readFileSync(source, 'utf8')
  const cwd = JSON.parse(original.split('\n').find((l) => l.includes('"cwd"'))!).cwd as string
  const file = path.join(dir, 'big-transcript.jsonl')
  const out = fs.openSync(file, 'w')
  for (let copy = 0; fs.fstatSync(out).size < 100e6; copy++) {
    // New tool, message and request ids per copy: each copy is new work, not a resumed duplicate.
    fs.writeSync(out, original.replace(/(toolu|msg|req)_[A-Za-z0-9]+/g, (id) => `${id}_${copy}`).replace(/"sessionId":"[^"]+"/g, `"sessionId":"bench-${copy}"`))
  }
  fs.closeSync(out)
  const database = await openDatabase(path.join(dir, 'transcripts.sqlite'))
  database.sqlite.prepare("insert into projects (path, name, registered_at, updated_at) values (?, 'bench', ?, ?)").run(cwd, new Date().toISOString(), new Date().toISOString())
  const start = performance.now()
  const result = await importTranscripts(database.sqlite, { roots: [file] })
  const seconds = (performance.now() - start) / 1000
  report(`transcript import, ${(result.bytes / 1e6).toFixed(0)} MB real transcript lines`, `${(result.bytes / 1e6 / seconds).toFixed(1)} MB/s (${seconds.toFixed(2)} s, ${result.invocationsAdded} invocations)`)
  // The same file again, and a copy of it that belongs to no registered project (target: under 0.2 s of its own work).
  const outside = path.join(dir, 'outside-transcript.jsonl')
  fs.writeFileSync(outside, fs.readFileSync(file, 'utf8').replaceAll(`"cwd":"${cwd}"`, '"cwd":"/somewhere/else"'))
  await importTranscripts(database.sqlite, { roots: [outside] })
  const again = performance.now()
  await importTranscripts(database.sqlite, { roots: [file, outside] })
  report('transcript re-import, nothing new (one file in a project, one outside)', `${(performance.now() - again).toFixed(1)} ms`)
  await database.close()
  await benchPromptScoring(corpus, dir)
}

/**
 * Scoring prompts at ingest (target: import within 10 % of its speed without). Every corpus transcript,
 * copied under new ids up to 100 MB into one project, so prompts come as often as in real use; the
 * same file is imported without scoring and with prompts handed to background scoring, which is then
 * drained and timed on its own.
 */
async function benchPromptScoring(corpus: string, dir: string): Promise<void> {
  const skillsDir = path.join(corpus, 'skills')
  const catalogue: CatalogueSkill[] = listFilesDeep(skillsDir, (name) => name.endsWith('.md')).map((skillFile, id) => ({
    ...parseSkillFile(skillFile, fs.readFileSync(skillFile, 'utf8')), id, projectId: null, projectName: null, path: skillFile, contentHash: '',
  }))
  const cwd = '/bench/prompts'
  const file = path.join(dir, 'all-transcripts.jsonl')
  const texts = findTranscriptFiles([path.join(corpus, 'transcripts')]).map((f) => fs.readFileSync(f, 'utf8').replace(/"cwd":"[^"]*"/g, `"cwd":"${cwd}"`))
  const out = fs.openSync(file, 'w')
  for (let copy = 0; fs.fstatSync(out).size < 100e6; copy++) {
    for (const text of texts) {
      const lines = text.replace(/(toolu|msg|req)_[A-Za-z0-9]+/g, (id) => `${id}_${copy}`).replace(/"(uuid|sessionId)":"([^"]+)"/g, (_, key: string, id: string) => `"${key}":"${id}-${copy}"`)
      fs.writeSync(out, lines.endsWith('\n') ? lines : `${lines}\n`)
    }
  }
  fs.closeSync(out)
  const importInto = async (name: string, withScoring: boolean) => {
    const database = await openDatabase(path.join(dir, name))
    database.sqlite.prepare("insert into projects (path, name, registered_at, updated_at) values (?, 'bench', ?, ?)").run(cwd, new Date().toISOString(), new Date().toISOString())
    const promptScoring = withScoring ? new PromptScoring(database.sqlite, new PromptMatcher(() => catalogue)) : undefined
    const start = performance.now()
    const result = await importTranscripts(database.sqlite, { roots: [file], promptScoring })
    const seconds = (performance.now() - start) / 1000
    const scoreStart = performance.now()
    const queued = promptScoring?.pending ?? 0
    await promptScoring?.drain()
    const scoreMs = performance.now() - scoreStart
    const count = (table: string) => database.sqlite.prepare(`select count(*) from ${table}`).pluck().get() as number
    const figures = { seconds, mbPerSecond: result.bytes / 1e6 / seconds, mb: result.bytes / 1e6, queued, scoreMs, prompts: count('prompts'), matched: count('prompt_matches') }
    await database.close()
    return figures
  }
  const plain = await importInto('plain.sqlite', false)
  const scored = await importInto('scored.sqlite', true)
  report(`transcript import, every corpus transcript to ${plain.mb.toFixed(0)} MB (${plain.prompts.toLocaleString('en')} prompts)`, `${plain.mbPerSecond.toFixed(1)} MB/s`)
  report(
    '  the same with prompts handed to scoring (target: within 10 %)',
    `${scored.mbPerSecond.toFixed(1)} MB/s, ${(((plain.mbPerSecond - scored.mbPerSecond) / plain.mbPerSecond) * 100).toFixed(1)} % slower`,
  )
  report(
    `  background scoring against ${catalogue.length} skills, after the import`,
    `${scored.queued.toLocaleString('en')} prompts in ${ms(scored.scoreMs)} (index build included), ${scored.matched.toLocaleString('en')} matched`,
  )
}
