import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { chromium } from '@playwright/test'
import { openAppContext } from '../../src/main/app-context'
import { correlateSession } from '../../src/main/correlation/correlator'
import { loadTimeline } from '../../src/main/correlation/timeline.repository'
import { EventFileIngester } from '../../src/main/ingest/event-file-ingester'
import { startHttpServer } from '../../src/main/server/http-server'
import { CHROMIUM_PATH } from '../../playwright.config'
import { CHROMIUM_OFFLINE_ARGS } from '../../src/main/system/chromium'
import { NAV_ITEMS } from '../../src/renderer/src/app/navigation'
import { ms, report, summary, timeRuns } from './stats'

/** Page-side timing as source text (the bundler would rename helpers inside a function passed to evaluate). */
const inPage = (action: string, done: string) => `(async () => {
  const start = performance.now()
  ${action}
  await new Promise((resolve) => { const check = () => (${done}) ? resolve() : requestAnimationFrame(check); check() })
  return performance.now() - start
})()`

const CHROMIUM_ARGS = [...CHROMIUM_OFFLINE_ARGS, '--no-sandbox']

/** Correlation of a 2,000-event session, the timeline's render time in Chromium, and the Sessions page at 10,000 sessions. */
export async function benchCorrelation(root: string): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'session-buddy-bench-corr-'))
  try {
    const context = await openAppContext({ dataDir: path.join(dir, 'data') })
    const project = path.join(dir, 'project')
    fs.mkdirSync(project)
    const { id: projectId } = await context.handlers['projects-add']({ path: project })
    const lines: string[] = []
    const T0 = Date.parse('2026-11-20T09:00:00Z')
    let n = 0
    const event = (session: string, seconds: number, body: Record<string, unknown>) =>
      lines.push(JSON.stringify({ v: 1, id: `e${n++}`, ts: new Date(T0 + seconds * 1000).toISOString(), session_id: session, ...body }))
    // The big session: 600 skills (1,200 events), 40 runs of 9 nodes (720 events) and 80 prompts.
    for (let i = 0; i < 600; i++) {
      event('big', i * 20, { type: 'skill.invoked', invocation_id: `b${i}`, skill: `skill-${i % 12}` })
      event('big', i * 20 + 8, { type: i % 9 === 0 ? 'skill.failed' : 'skill.completed', invocation_id: `b${i}`, skill: `skill-${i % 12}`, ...(i % 9 === 0 ? { error_type: 'TypeError' } : {}) })
    }
    for (let r = 0; r < 40; r++) {
      for (let k = 0; k < 9; k++) {
        const start = r * 300 + 10 + k * 20
        event('big', start, { type: 'workflow.node.started', workflow_run_id: `run${r}`, node_id: `n${k}`, name: `step ${k}` })
        event('big', start + 15, { type: k === 8 && r % 5 === 0 ? 'workflow.node.failed' : 'workflow.node.completed', workflow_run_id: `run${r}`, node_id: `n${k}` })
      }
      lines.pop() // keep the count at 2,000 with the run start below
      event('big', r * 300 + 9, { type: 'workflow.started', workflow_run_id: `run${r}`, workflow_id: 'ci', name: `CI #${r}` })
    }
    for (let p = 0; p < 80; p++) event('big', p * 150 + 1, { type: 'prompt.submitted', prompt: `request ${p}` })
    // 10,000 small sessions for the Sessions page.
    for (let s = 0; s < 10_000; s++) {
      const base = 20_000 + s * 600
      event(`s${s}`, base, { type: 'skill.invoked', invocation_id: `s${s}`, skill: `skill-${s % 30}` })
      event(`s${s}`, base + 30, { type: s % 7 === 0 ? 'skill.abandoned' : 'skill.completed', invocation_id: `s${s}`, skill: `skill-${s % 30}` })
    }
    const file = path.join(dir, 'events.jsonl')
    fs.writeFileSync(file, `${lines.join('\n')}\n`)
    new EventFileIngester(context.database.sqlite).ingest(file, { id: projectId, storePrompts: false })

    const timeline = loadTimeline(context.database.sqlite, 'big')!
    const eventsInSession = timeline.prompts.length + timeline.invocations.length * 2 + timeline.runs.reduce((sum, r) => sum + 1 + r.nodes.length * 2, 0) - timeline.runs.length
    report(`correlate a ${eventsInSession}-event session (pure)`, summary(await timeRuns(50, () => correlateSession(timeline))))
    report('load + correlate it (SQLite + correlator)', summary(await timeRuns(30, () => correlateSession(loadTimeline(context.database.sqlite, 'big')!))))
    const coldStart = performance.now()
    await context.handlers['sessions-search']({})
    report('sessions-search, 10,001 sessions, cold (patterns computed)', ms(performance.now() - coldStart))
    report('sessions-search, 10,001 sessions, warm', summary(await timeRuns(10, () => context.handlers['sessions-search']({}), 1)))

    const server = await startHttpServer({ handlers: context.handlers, changes: context.changes, staticDir: path.join(root, 'out', 'renderer') })
    const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS })
    try {
      const page = await browser.newPage({ viewport: { width: 1400, height: 900 } })
      page.on('crash', () => console.error('The page crashed'))
      page.on('pageerror', (error) => console.error(`Page error: ${error.message}`))
      await page.goto(server.appUrl)
      await page.getByRole('list', { name: 'Sessions' }).waitFor()
      const renders: number[] = []
      for (let i = 0; i < 5; i++) {
        await page.evaluate(() => (location.hash = '#/projects'))
        await page.getByRole('heading', { name: 'Projects', level: 1 }).waitFor()
        renders.push(
          await page.evaluate<number>(
            inPage(`location.hash = '#/sessions/big'`, `document.querySelectorAll('[data-testid=timeline] rect[data-bar]').length >= 1000`),
          ),
        )
      }
      report('timeline of the 2,000-event session, first open (fetch + render)', ms(renders[0]!))
      report('timeline of the 2,000-event session, re-open (cached data)', summary(renders.slice(1).sort((a, b) => a - b)))
      const zooms: number[] = []
      for (let i = 0; i < 10; i++) {
        zooms.push(
          await page.evaluate<number>(`(async () => {
            const svg = document.querySelector('[data-testid=timeline] svg')
            const start = performance.now()
            svg.dispatchEvent(new WheelEvent('wheel', { deltaY: -100, clientX: 600, bubbles: true }))
            await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))
            return performance.now() - start
          })()`),
        )
      }
      report('timeline zoom step, to the next painted frame', summary(zooms.sort((a, b) => a - b)))
      // A fresh page, so the list's data is fetched, not cached.
      await page.goto(`${server.origin}/#/projects`)
      await page.getByRole('heading', { name: 'Projects', level: 1 }).waitFor()
      const listStart = Date.now()
      await page.evaluate(() => (location.hash = '#/sessions'))
      await page.getByRole('list', { name: 'Sessions' }).getByRole('listitem').first().waitFor()
      const list = Date.now() - listStart
      const rows = await page.getByRole('list', { name: 'Sessions' }).getByRole('listitem').count()
      if (rows > 60) throw new Error(`the Sessions list rendered ${rows} rows: it is not virtualized`)
      report('Sessions page with 10,001 sessions in Chromium (fetch + render)', `${ms(list)} (${rows} rows in the DOM)`)
      // Each page's first visit loads its chunk: hash change to its heading painted (target < 100 ms).
      const switches: string[] = []
      for (const item of NAV_ITEMS.filter((n) => n.path !== '/sessions')) {
        const took = await page.evaluate<number>(inPage(`location.hash = '#${item.path}'`, `document.querySelector('h1')?.textContent === ${JSON.stringify(item.label)}`))
        switches.push(`${item.label} ${took.toFixed(0)}`)
      }
      report('page switch, first visit with its chunk, ms (target < 100)', switches.join(', '))
      const again: string[] = []
      for (const item of [...NAV_ITEMS].reverse()) {
        const took = await page.evaluate<number>(inPage(`location.hash = '#${item.path}'`, `document.querySelector('h1')?.textContent === ${JSON.stringify(item.label)}`))
        again.push(`${item.label} ${took.toFixed(0)}`)
      }
      report('page switch, visited before, ms', again.join(', '))
      const chunks = await page.evaluate<string>(`performance.getEntriesByType('resource').filter((e) => e.name.includes('/assets/')).map((e) => e.name.split('/').pop() + ' ' + Math.round(e.duration)).join(', ')`)
      report('chunk load times, ms', chunks)
    } finally {
      await browser.close()
      await server.close()
      await context.close()
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
}
