import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { openAppContext, type AppContext } from '../../src/main/app-context'
import { listFilesDeep } from '../../src/main/system/files'
import { ms, report, summary, timeRuns } from './stats'

/** The corpus repositories as catalogue roots: their `.claude` folder where they have one, else the repository. */
function corpusRoots(skillsDir: string): string[] {
  return fs
    .readdirSync(skillsDir, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => (fs.existsSync(path.join(skillsDir, e.name, '.claude')) ? path.join(skillsDir, e.name, '.claude') : path.join(skillsDir, e.name)))
}

async function openWith(dataDir: string, extraFolders: string[]): Promise<AppContext> {
  const context = await openAppContext({ dataDir, claudeConfigDirs: [] })
  await context.handlers['catalogue-settings-set']({ extraFolders })
  await context.search.whenReady()
  return context
}

/** Peak resident memory of this process (main thread and embedding worker) while `work` runs. */
async function peakRss<T>(work: () => Promise<T>): Promise<{ result: T; peakMb: number }> {
  let peak = process.memoryUsage.rss()
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 20)
  try {
    const result = await work()
    return { result, peakMb: Math.max(peak, process.memoryUsage.rss()) / 1e6 }
  } finally {
    clearInterval(timer)
  }
}

/** Resident memory of a process from the OS (Linux), in MB; null elsewhere. */
function rssOf(pid: number): number | null {
  try {
    const kb = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]
    return kb ? Number(kb) / 1024 : null
  } catch {
    return null
  }
}

/**
 * The app's steady state: `serve` (main thread and embedding worker) with the catalogue's vectors stored,
 * after its search became ready and answered queries (target: under 300 MB).
 */
async function serveSteadyState(dataDir: string, queries: string[], dir: string): Promise<void> {
  const cli = path.join(__dirname, '..', '..', 'bin', 'session-buddy.js')
  const child = spawn(process.execPath, [cli, '--data-dir', dataDir, 'serve', '--json', '--max-lifetime', '300'], {
    env: { ...process.env, SESSION_BUDDY_NO_OPEN: '1', CLAUDE_CONFIG_DIR: path.join(dir, 'no-claude') },
  })
  try {
    const { origin, token } = await new Promise<{ origin: string; token: string }>((resolve, reject) => {
      let out = ''
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString()
        if (out.includes('\n')) resolve(JSON.parse(out.split('\n')[0]!) as { origin: string; token: string })
      })
      child.on('exit', (code) => reject(new Error(`serve exited with ${code}`)))
    })
    const call = (name: string, input: unknown) =>
      fetch(`${origin}/api/v1/call/${name}`, { method: 'POST', headers: { Authorization: `Bearer ${token}` }, body: JSON.stringify(input) }).then((r) => r.json() as Promise<{ data: { embedder: { state: string } } }>)
    while ((await call('catalogue-status', {})).data.embedder.state !== 'ready') await new Promise((resolve) => setTimeout(resolve, 100))
    for (const query of queries) await call('skills-find', { query })
    await new Promise((resolve) => setTimeout(resolve, 2000))
    const rss = rssOf(child.pid!)
    report('serve, search ready and used, steady RSS (target < 300 MB)', rss === null ? 'skipped: no /proc here' : `${rss.toFixed(0)} MB after ${queries.length} queries`)
  } finally {
    child.kill('SIGTERM')
  }
}

/** Catalogue index build (cold, warm), query latency at 500 skills, peak memory. */
export async function benchSearch(corpus: string | null): Promise<void> {
  if (!corpus) return void report('search', 'skipped: ../shared/corpus is absent')
  const skillsDir = path.join(corpus, 'skills')
  const queries = fs
    .readFileSync(path.join(corpus, '..', 'eval', 'search-queries.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => (JSON.parse(l) as { query: string }).query)
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'session-buddy-bench-search-'))
  try {
    const roots = corpusRoots(skillsDir)
    const dataDir = path.join(dir, 'data')

    let started = performance.now()
    let meaningMs = 0
    const cold = await peakRss(async () => {
      const context = await openAppContext({ dataDir, claudeConfigDirs: [] })
      const ready = context.handlers['catalogue-settings-set']({ extraFolders: roots }).then(() => context.search.whenReady())
      // Searchable by meaning once each skill's description has its vector (target: under 10 s).
      while (!['refining', 'ready', 'failed'].includes(context.search.embedStatus().state)) await new Promise((resolve) => setTimeout(resolve, 20))
      meaningMs = performance.now() - started
      await ready
      return context
    })
    const coldMs = performance.now() - started
    const status = await cold.result.handlers['catalogue-status']({})
    const texts = cold.result.search.embedStatus().total
    report(`searchable by meaning, cold (${status.skills + status.commands} files; target < 10 s)`, `${(meaningMs / 1000).toFixed(1)} s (each skill's name and description)`)
    report(`index build, cold, every text (${texts} texts embedded)`, `${(coldMs / 1000).toFixed(1)} s  (${((coldMs / texts) | 0)} ms a text; peak RSS ${cold.peakMb.toFixed(0)} MB)`)
    await cold.result.close()
    await serveSteadyState(dataDir, queries, dir)

    started = performance.now()
    const warm = await openWith(dataDir, roots)
    report('index build, warm (nothing changed)', ms(performance.now() - started))
    started = performance.now()
    warm.catalogue.refresh()
    report('re-scan with nothing changed (hash check only)', ms(performance.now() - started))
    await warm.close()

    // 500 skills: the corpus five times under new names (only the name-bearing texts are new to embed).
    const big = path.join(dir, 'five-hundred')
    const files = listFilesDeep(skillsDir, (n) => n.endsWith('.md'))
    let count = 0
    for (let copy = 0; copy < 5 && count < 500; copy++) {
      for (const file of files) {
        if (count++ >= 500) break
        const text = fs.readFileSync(file, 'utf8').replace(/^(name:\s*)(.+)$/m, `$1$2-v${copy}`)
        fs.mkdirSync(path.join(big, 'skills', `s${count}`), { recursive: true })
        fs.writeFileSync(path.join(big, 'skills', `s${count}`, 'SKILL.md'), text)
      }
    }
    started = performance.now()
    const { result: context, peakMb } = await peakRss(() => openWith(path.join(dir, 'data-500'), [big]))
    report(`index build, 500 skills (vectors partly cached)`, `${((performance.now() - started) / 1000).toFixed(1)} s  (peak RSS ${peakMb.toFixed(0)} MB)`)
    let i = 0
    const hybrid = await timeRuns(120, () => context.handlers['skills-find']({ query: queries[i++ % queries.length]!, limit: 10 }))
    report('query, 500 skills, wording + meaning (embed + rank)', summary(hybrid))
    // From the OS: the process's high-water mark (main thread and the embedding worker), not a sample.
    report('peak RSS of this process so far (OS maxRSS)', `${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB; ${(process.memoryUsage.rss() / 1e6).toFixed(0)} MB now`)
    await context.close()
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
}
