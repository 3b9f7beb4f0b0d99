import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { runCli } from '../test-support/run-cli'
import { tempDir, writeFile } from '../test-support/temp-dir'


describe('session-buddy find', () => {
  const config = tempDir()
  writeFile(path.join(config, 'skills', 'debugging', 'SKILL.md'), '---\nname: debugging\ndescription: Use when a test fails or a bug has no obvious cause\n---\n')
  writeFile(path.join(config, 'skills', 'changelog.md'), '---\nname: changelog\ndescription: Write release notes from the commits since the last tag\n---\n')
  writeFile(path.join(config, 'commands', 'standup.md'), '# Standup\n\nSummarise what happened yesterday for the daily meeting.\n')
  const env = { CLAUDE_CONFIG_DIR: config }

  it('ranks skills for a request and explains each score, as text and as JSON', async () => {
    const dataDir = tempDir()
    const json = await runCli(['--data-dir', dataDir, 'find', 'my', 'test', 'keeps', 'failing', '--json'], { env })
    expect(json.stderr).toBe('')
    expect(json.code).toBe(0)
    const result = JSON.parse(json.stdout)
    expect(result).toMatchObject({ query: 'my test keeps failing', mode: 'hybrid', embedder: 'use-lite-512', skillsIndexed: 3 })
    expect(result.results[0]).toMatchObject({ name: 'debugging', invocation: '/debugging', path: path.join(config, 'skills', 'debugging', 'SKILL.md') })
    expect(result.results[0].score.explanation.length).toBeGreaterThan(1)

    const text = await runCli(['--data-dir', dataDir, 'find', 'notes for the new release', '--limit', '1'], { env })
    expect(text.code).toBe(0)
    expect(text.stdout).toMatch(/^1\. changelog {2}0\.\d\d {2}\/changelog\n {3}relevance \d+% · effectiveness 50% · context 0% · no penalties\n/)
    expect(text.stdout).toContain('(wording, word parts and meaning, use-lite-512; 3 skills;')
  })

  it('refuses a bad limit and an unregistered project with one clear line', async () => {
    const bad = await runCli(['--data-dir', tempDir(), 'find', 'x', '--limit', '0'], { env })
    expect(bad).toMatchObject({ code: 2, stderr: 'session-buddy: --limit must be a whole number from 1 to 100, not "0"\n' })
    const folder = tempDir()
    const unregistered = await runCli(['--data-dir', tempDir(), 'find', 'x', '--project', folder], { env })
    expect(unregistered.code).not.toBe(0)
    expect(unregistered.stderr).toContain(`${folder} is not registered`)
  })
})
