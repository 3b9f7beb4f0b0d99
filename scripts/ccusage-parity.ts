// `npx tsx scripts/ccusage-parity.ts`: token totals and cost of the shared corpus's transcripts, counted by
// Session Buddy and by ccusage 17.2.1 (`ccusage session --json --offline`), side by side. Needs ../shared
// and npx to fetch ccusage; not part of `npm test`. Its output is kept in docs/usage.md.
import './bench/css-as-text'
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { findTranscriptFiles } from '../src/main/imports/claude-code/transcript-files'
import { importTranscripts } from '../src/main/imports/claude-code/transcript-importer'
import { openDatabase } from '../src/main/storage/database'
import { UsageService } from '../src/main/usage/usage.service'

const CCUSAGE = 'ccusage@17.2.1'
type Tokens = { inputTokens: number; outputTokens: number; cacheCreationTokens: number; cacheReadTokens: number; cost: number }
type Report = { sessions: Array<{ modelBreakdowns: Array<Tokens & { modelName: string }> }> }

async function main(): Promise<void> {
  const corpus = path.resolve(__dirname, '..', '..', 'shared', 'corpus', 'transcripts')
  if (!fs.existsSync(corpus)) throw new Error(`${corpus} is not here: the comparison needs the shared corpus`)
  // Session Buddy counts the sessions of registered projects, which it knows by their working folder:
  // both tools read the same files, those that name one.
  const files = findTranscriptFiles([corpus]).filter((f) => fs.readFileSync(f, 'utf8').includes('"cwd"'))
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'session-buddy-ccusage-'))
  try {
    const projects = path.join(dir, 'claude', 'projects')
    files.forEach((file, i) => {
      fs.mkdirSync(path.join(projects, String(i)), { recursive: true })
      fs.copyFileSync(file, path.join(projects, String(i), path.basename(file)))
    })
    const ccusage = JSON.parse(execFileSync('npx', ['-y', CCUSAGE, 'session', '--json', '--offline'], { env: { ...process.env, CLAUDE_CONFIG_DIR: path.join(dir, 'claude') }, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })) as Report

    const database = await openDatabase(path.join(dir, 'db.sqlite'))
    const now = new Date().toISOString()
    const cwds = new Set(files.flatMap((f) => [...fs.readFileSync(f, 'utf8').matchAll(/"cwd": ?"([^"]+)"/g)].map((m) => m[1]!)))
    for (const cwd of cwds) database.sqlite.prepare('insert or ignore into projects (path, name, registered_at, updated_at) values (?, ?, ?, ?)').run(cwd, path.basename(cwd), now, now)
    await importTranscripts(database.sqlite, { roots: [projects] })
    const ours = new UsageService(database.sqlite, null).sessions()
    await database.close()

    const byModel = (report: Report) => {
      const models = new Map<string, Tokens>()
      for (const s of report.sessions) {
        for (const m of s.modelBreakdowns) {
          const t = models.get(m.modelName) ?? { inputTokens: 0, outputTokens: 0, cacheCreationTokens: 0, cacheReadTokens: 0, cost: 0 }
          for (const key of ['inputTokens', 'outputTokens', 'cacheCreationTokens', 'cacheReadTokens', 'cost'] as const) t[key] += m[key]
          models.set(m.modelName, t)
        }
      }
      return models
    }
    const theirs = byModel(ccusage)
    const mine = byModel(ours as unknown as Report)
    const n = (x: number) => x.toLocaleString('en-US')
    const total = (t: Tokens | undefined) => (t ? t.inputTokens + t.outputTokens + t.cacheCreationTokens + t.cacheReadTokens : 0)
    console.log(`${files.length} transcripts of the shared corpus that name a working folder; ${CCUSAGE} with --offline prices.\n`)
    console.log('| model | tokens, Session Buddy | tokens, ccusage | equal | cost, Session Buddy | cost, ccusage | difference |')
    console.log('|---|---:|---:|:-:|---:|---:|---:|')
    for (const model of [...new Set([...theirs.keys(), ...mine.keys()])].sort()) {
      const a = mine.get(model)
      const b = theirs.get(model)
      const priced = b && b.cost > 0
      const diff = priced && a ? `${(((a.cost - b.cost) / b.cost) * 100).toFixed(2)} %` : 'not priced by ccusage'
      console.log(`| ${model} | ${n(total(a))} | ${n(total(b))} | ${total(a) === total(b) ? 'yes' : 'no'} | $${(a?.cost ?? 0).toFixed(4)} | $${(b?.cost ?? 0).toFixed(4)} | ${diff} |`)
    }
    const sum = (models: Map<string, Tokens>) => [...models.values()].reduce((s, t) => s + total(t), 0)
    console.log(`| **all** | ${n(sum(mine))} | ${n(sum(theirs))} | ${sum(mine) === sum(theirs) ? 'yes' : 'no'} | | | |`)
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
}

void main()
