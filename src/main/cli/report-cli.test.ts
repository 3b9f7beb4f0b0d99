import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { databasePath } from '../storage/data-dir'
import { openDatabase } from '../storage/database'
import { seedInsightsDataset } from '../test-support/insights-dataset'
import { runCli } from '../test-support/run-cli'
import { tempDir } from '../test-support/temp-dir'

async function dataDirWithDataset() {
  const dataDir = tempDir()
  const database = await openDatabase(databasePath(dataDir))
  seedInsightsDataset(database.sqlite, dataDir)
  await database.close()
  return dataDir
}

describe('session-buddy report insights', () => {
  it('writes an aggregate-only report to a file, and more only when asked', async () => {
    const dataDir = await dataDirWithDataset()
    const out = path.join(tempDir(), 'insights.html')
    const written = await runCli(['--data-dir', dataDir, 'report', 'insights', '--format', 'html', '--out', out])
    expect(written.stderr).toBe(`Wrote ${out}\n`)
    const html = fs.readFileSync(out, 'utf8')
    expect(html).toContain('<svg ')
    for (const secret of ['alpha', 'secret prompt', dataDir]) expect(html).not.toContain(secret)

    const named = await runCli(['--data-dir', dataDir, 'report', 'insights', '--format', 'md', '--include-project-names', '--include-prompts'])
    expect(named.code).toBe(0)
    expect(named.stdout).toContain('| alpha | node |')
    expect(named.stdout).toContain('secret prompt')
    expect(named.stdout).not.toContain(dataDir)
  })

  it('refuses bad options with one line', async () => {
    const dataDir = tempDir()
    expect(await runCli(['--data-dir', dataDir, 'report', 'insights', '--format', 'docx'])).toMatchObject({ code: 2, stderr: 'session-buddy: --format must be one of md, html, pdf, csv, json, not "docx"\n' })
    expect(await runCli(['--data-dir', dataDir, 'report', 'insights', '--format', 'pdf'])).toMatchObject({ code: 2, stderr: 'session-buddy: a PDF goes to a file: add --out report.pdf\n' })
    expect(await runCli(['--data-dir', dataDir, 'report', 'insights', '--days', '0'])).toMatchObject({ code: 2 })
  })
})
