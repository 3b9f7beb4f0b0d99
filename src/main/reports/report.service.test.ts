import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import type { ReportFormat } from '../../shared/api/insights'
import { InsightsService } from '../insights/insights.service'
import { openDatabase } from '../storage/database'
import { seedInsightsDataset } from '../test-support/insights-dataset'
import { tempDir } from '../test-support/temp-dir'
import { findChromium } from '../system/chromium'
import { adoptReason } from '../insights/recommendations'
import { buildReportModel } from './report-model'
import { CatalogueService } from '../catalogue/catalogue.service'
import { ChangeBus } from '../api/change-bus'
import { coverage } from '../coverage/coverage'
import { ReportService } from './report.service'
import { csvCell } from './report-text'

async function setup() {
  const root = tempDir()
  const database = await openDatabase(path.join(root, 'db.sqlite'))
  seedInsightsDataset(database.sqlite, root)
  const insights = new InsightsService(database.sqlite, () => new Date('2026-11-10T12:00:00Z'))
  return { root, database, reports: new ReportService(database.sqlite, insights) }
}

const TEXT_FORMATS: ReportFormat[] = ['md', 'html', 'csv', 'json']
/** Everything private in the dataset: prompts, folders, project names (delta is also excluded from insights). */
const privateStrings = (root: string) => ['secret prompt', root, 'alpha', 'beta', 'gamma', 'delta']

describe('insights reports', () => {
  it('hold aggregates only by default: no prompt, path or project name appears in any format', async () => {
    const { root, reports } = await setup()
    for (const format of TEXT_FORMATS) {
      const file = await reports.create({ format, until: '2026-11-10' })
      expect(file.encoding).toBe('utf8')
      for (const secret of privateStrings(root)) expect(file.content, `${format} contains "${secret}"`).not.toContain(secret)
      // The aggregates are there.
      expect(file.content).toContain('lint')
    }
  })

  it('replace project names with pseudonyms that stay the same across exports', async () => {
    const { reports } = await setup()
    const first = JSON.parse((await reports.create({ format: 'json', until: '2026-11-10' })).content)
    const second = JSON.parse((await reports.create({ format: 'json', until: '2026-11-10' })).content)
    const names = first.insights.projects.map((p: { name: string }) => p.name)
    expect(names).toHaveLength(3)
    for (const name of names) expect(name).toMatch(/^project-[0-9a-f]{6}$/)
    expect(new Set(names).size).toBe(3)
    expect(second.insights.projects.map((p: { name: string }) => p.name)).toEqual(names)
    expect(first.privacy).toEqual({ includeProjectNames: false, includePaths: false, includePrompts: false })
  })

  it('say an adopt recommendation as the app does, with the report\'s label for the project', async () => {
    const { database } = await setup()
    const insights = new InsightsService(database.sqlite, () => new Date('2026-11-10T12:00:00Z'))
    const view = insights.insights({ until: '2026-11-10' })
    const target = view.projects[0]!
    const app = { kind: 'adopt' as const, title: `Try lint in ${target.name}`, reason: adoptReason({ skill: 'lint', completed: 11, finished: 12, projects: 2, projectType: 'node', target: target.name }), evidence: { uses: 12, completed: 11, projects: 2 }, skills: ['lint'], projectId: target.id, projectType: 'node' }
    const model = buildReportModel(database.sqlite, { ...view, recommendations: [app] }, { includeProjectNames: false, includePaths: false, includePrompts: false })
    const [said] = model.insights.recommendations
    const alias = model.insights.projects.find((p) => p.id === target.id)!.name
    expect(said!.title).toBe(`Try lint in ${alias}`)
    expect(said!.reason).toBe(app.reason.replaceAll(target.name, alias))
    expect(said!.reason).toBe(`lint completed 11 of 12 runs with a known outcome (92%) in 2 other node projects; ${alias} has not used it.`)
  })

  it('carry a Coverage section of names and counts, never file paths', async () => {
    const { database } = await setup()
    const config = tempDir()
    for (const name of ['lint', 'unused']) {
      fs.mkdirSync(path.join(config, 'skills', name), { recursive: true })
      fs.writeFileSync(path.join(config, 'skills', name, 'SKILL.md'), `---\nname: ${name}\ndescription: Does ${name} things.\n---\n`)
    }
    const catalogue = new CatalogueService(database.sqlite, new ChangeBus(), [config])
    catalogue.refresh()
    const insights = new InsightsService(database.sqlite, () => new Date('2026-11-10T12:00:00Z'))
    const reports = new ReportService(database.sqlite, insights, undefined, (days, until) => coverage(database.sqlite, catalogue.skills(), { scope: 'included', days, until }))
    const md = (await reports.create({ format: 'md', until: '2026-11-10', includePaths: true })).content
    expect(md).toContain('## Coverage')
    expect(md).toContain('2 catalogued skills and commands. Never ran: unused.')
    expect(md).toContain('Description lint: description-no-when 2.')
    const html = (await reports.create({ format: 'html', until: '2026-11-10' })).content
    expect(html).toContain('<strong>Never ran:</strong> unused.')
    for (const format of TEXT_FORMATS) expect((await reports.create({ format, until: '2026-11-10', includePaths: true })).content).not.toContain(config)
  })

  it('include names, folders and example requests only when ticked in', async () => {
    const { root, reports } = await setup()
    const md = (await reports.create({ format: 'md', until: '2026-11-10', includeProjectNames: true, includePaths: true, includePrompts: true })).content
    expect(md).toContain('| alpha | node | 6 |')
    expect(md).toContain(`\`${path.join(root, 'alpha')}\``)
    expect(md).toContain('secret prompt a3-0')
    // Still only included projects.
    expect(md).not.toContain('delta')
  })

  it('writes a self-contained HTML page with inline SVG charts and a CSV with one row per skill', async () => {
    const { reports } = await setup()
    const html = (await reports.create({ format: 'html', until: '2026-11-10' })).content
    expect(html.match(/<svg /g)?.length).toBeGreaterThanOrEqual(3)
    expect(html).not.toMatch(/<script|<link|src=|href=/i)
    const csv = (await reports.create({ format: 'csv', until: '2026-11-10' })).content.trim().split('\n')
    expect(csv[0]).toBe('skill,invocations,completed,failed,abandoned,unknown,running,completion_rate,failure_rate,abandonment_rate,p50_ms,p95_ms,duration_samples,projects,small_sample')
    expect(csv[1]).toMatch(/^test,6,4,1,1,0,0,0\.667,0\.167,0\.167,\d+,\d+,5,3,true$/)
  })

  const chromium = findChromium()
  it.skipIf(!chromium)('prints a PDF through headless Chromium, without opt-ins in its text', async () => {
    const { root, reports } = await setup()
    const file = await reports.create({ format: 'pdf', until: '2026-11-10' })
    expect(file).toMatchObject({ mediaType: 'application/pdf', encoding: 'base64' })
    const pdf = Buffer.from(file.content, 'base64')
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-')
    const out = path.join(root, 'report.pdf')
    fs.writeFileSync(out, pdf)
    let text: string
    try {
      text = execFileSync('pdftotext', [out, '-'], { encoding: 'utf8' })
    } catch {
      return // pdftotext (poppler-utils) is optional; the PDF header was checked
    }
    expect(text).toContain('Effectiveness per skill')
    for (const secret of privateStrings(root)) expect(text).not.toContain(secret)
  }, 60_000)
})

describe('CSV cells', () => {
  it('neutralise text a spreadsheet would run as a formula, and quote what needs quoting', () => {
    expect(csvCell('=HYPERLINK("http://x/","y")')).toBe(`"'=HYPERLINK(""http://x/"",""y"")"`)
    for (const start of ['+', '-', '@', '\t', '\r']) expect(csvCell(`${start}1`).replace(/^"|"$/g, '')).toBe(`'${start}1`)
    expect(csvCell(-3)).toBe('-3')
    expect(csvCell('lint, fast')).toBe('"lint, fast"')
    expect(csvCell(null)).toBe('')
  })
})
