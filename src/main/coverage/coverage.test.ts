import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import type { CoverageView } from '../../shared/api/coverage'
import { parseSkillFile } from '../catalogue/skill-file-parser'
import { apiCaller, testContext } from '../test-support/app-context'
import { tempDir } from '../test-support/temp-dir'
import { TranscriptLines } from '../test-support/transcript-lines'
import { runCli } from '../test-support/run-cli'
import { lintSkills } from './skill-lint'

const file = (name: string, text: string, kind: 'skill' | 'command' = 'skill') => {
  const where = path.join('/skills', name, 'SKILL.md')
  return { path: where, kind, text, parsed: parseSkillFile(where, text) }
}
const skill = (name: string, description: string) => `---\nname: ${name}\ndescription: ${description}\n---\n\n# ${name}\n\nSteps.\n`

describe('skill lint', () => {
  it('passes a skill that says what it does and when to use it', () => {
    expect(lintSkills([file('release-notes', skill('release-notes', 'Writes release notes from the commits since the last tag. Use when preparing a release.'))])).toEqual([])
  })

  it('flags each rule on a file that breaks it, with a suggestion', () => {
    const found = lintSkills([
      file('empty', '---\nname: empty\ndescription: ""\n---\n\n'),
      file('Bad_Name', skill('Bad_Name', 'Formats code. Use when a file is messy.')),
      file('long', skill('long', `Use when writing long things. ${'x'.repeat(1100)}`)),
      file('what-only', skill('what-only', 'Generates changelogs from git history.')),
      { ...file('dup', skill('dup', 'Use when duplicating.')), path: '/a/dup/SKILL.md' },
      { ...file('dup', skill('dup', 'Use when duplicating.')), path: '/b/dup/SKILL.md' },
      file('mangled', '______________________________\n\n## name: mangled description: Use when the formatter ran.\n\n# Mangled\n'),
    ])
    const rules = (name: string) => found.filter((f) => f.name === name).map((f) => f.rule)
    expect(rules('empty')).toEqual(['description-empty'])
    expect(found.find((f) => f.rule === 'name-format')).toMatchObject({ name: 'Bad_Name', suggestion: 'Rename it "bad-name".' })
    expect(rules('long')).toEqual(['description-too-long'])
    expect(found.find((f) => f.rule === 'description-no-when')).toMatchObject({ name: 'what-only', suggestion: 'Add a sentence like "Use when …" naming the requests or situations it is for.' })
    expect(found.filter((f) => f.rule === 'duplicate-name').map((f) => f.path)).toEqual(['/a/dup/SKILL.md', '/b/dup/SKILL.md'])
    expect(rules('mangled')).toEqual(['front-matter'])
  })

  it('checks commands only for a missing description', () => {
    expect(lintSkills([file('deploy', '# Deploy\n', 'command')]).map((f) => f.rule)).toEqual(['description-empty'])
    expect(lintSkills([file('deploy', '---\ndescription: Ship it\n---\n', 'command')])).toEqual([])
  })
})

describe('coverage', () => {
  it('lists catalogued skills that never ran and skills that mostly fail, in the scope', async () => {
    const config = tempDir()
    for (const [name, description] of [
      ['lint', 'Runs the linter. Use when code changed.'],
      ['deploy', 'Deploys the app. Use when releasing.'],
      ['unused', 'Does nothing anyone asks for. Use when bored.'],
    ]) {
      fs.mkdirSync(path.join(config, 'skills', name!), { recursive: true })
      fs.writeFileSync(path.join(config, 'skills', name!, 'SKILL.md'), skill(name!, description!))
    }
    const context = await testContext({ claudeConfigDirs: [config] })
    const call = apiCaller(context)
    const project = fs.realpathSync(tempDir())
    await call('projects-add', { path: project })
    const transcripts = tempDir()
    const lines = new TranscriptLines(project, 'cov-1', Date.now() - 3_600_000).prompt(0, 'lint please').skill(1, 'toolu_lint', 'lint').text(2, 'Linted.').turnEnd(3)
    for (let i = 0; i < 5; i++) lines.prompt(10 + i * 10, 'deploy').tool(11 + i * 10, `toolu_d${i}`, 'Skill', { skill: 'deploy' }).result(12 + i * 10, `toolu_d${i}`, 'deploy failed', true)
    fs.writeFileSync(path.join(transcripts, 'cov-1.jsonl'), `${lines}\n`)
    await call('import-run', { source: 'claude-code', from: [transcripts] })

    const view = await call<CoverageView>('coverage-get', { days: 30 })
    expect(view.skills).toBe(3)
    expect(view.neverRan.map((s) => s.name)).toEqual(['unused'])
    expect(view.mostlyFail).toEqual([expect.objectContaining({ name: 'deploy', runs: 5, failedOrAbandoned: 5 })])
    expect(view.lint).toEqual([])
  })

  it('is printed by session-buddy coverage, as text and JSON', async () => {
    const config = tempDir()
    fs.mkdirSync(path.join(config, 'skills', 'changelog'), { recursive: true })
    fs.writeFileSync(path.join(config, 'skills', 'changelog', 'SKILL.md'), skill('changelog', 'Generates changelogs from git history.'))
    const data = tempDir()
    const env = { CLAUDE_CONFIG_DIR: config }
    const json = await runCli(['--data-dir', data, 'coverage', '--json'], { env })
    expect(json.stderr).toBe('')
    expect(JSON.parse(json.stdout)).toMatchObject({ skills: 1, neverRan: [{ name: 'changelog' }], lint: [{ rule: 'description-no-when', name: 'changelog' }] })
    const text = await runCli(['--data-dir', data, 'coverage'], { env })
    expect(text.stdout).toContain('Never ran (1):\n  changelog')
    expect(text.stdout).toContain('Add a sentence like "Use when …"')
    expect((await runCli(['--data-dir', data, 'coverage', '--days', 'many'], { env })).stderr).toContain('--days must be a whole number')
  })
})
