import { execFile } from 'node:child_process'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { fileTempDir, tempDir, writeFile } from '../src/main/test-support/temp-dir'

const root = path.resolve(__dirname, '..')

function evalCoverage(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(path.join(root, 'node_modules', '.bin', 'tsx'), [path.join(root, 'scripts', 'eval-coverage.ts'), ...args], { cwd: root }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    )
  })
}

describe('npm run eval:coverage', () => {
  const skills = fileTempDir()
  writeFile(path.join(skills, 'release-notes', 'SKILL.md'), '---\nname: release-notes\ndescription: Writes release notes from the commits since the last tag. Use when preparing a release.\n---\n')
  writeFile(path.join(skills, 'db-migration', 'SKILL.md'), '---\nname: db-migration\ndescription: Creates database schema migrations. Use when adding tables or columns.\n---\n')

  it('prints precision and recall of "should have run" at each threshold, and at the shipped one', async () => {
    const prompts = path.join(tempDir(), 'prompts.jsonl')
    writeFile(
      prompts,
      [
        { prompt: 'write the release notes from the commits since the last tag', skills: ['release-notes'] },
        { prompt: 'add a migration for a new orders table with two columns', skills: ['db-migration'] },
        { prompt: 'what will the weather be like in Lisbon tomorrow', skills: [] },
      ]
        .map((p) => JSON.stringify(p))
        .join('\n') + '\n',
    )
    const run = await evalCoverage(['--skills', skills, '--prompts', prompts, '--json'])
    expect(run.code).toBe(0)
    const result = JSON.parse(run.stdout) as { prompts: number; labelled: number; shipped: { threshold: number; precision: number; recall: number; right: number; predicted: number } }
    expect(result).toMatchObject({ prompts: 3, labelled: 2, shipped: { threshold: 0.15, precision: 1, recall: 1, right: 2, predicted: 2 } })
    const text = await evalCoverage(['--skills', skills, '--prompts', prompts])
    expect(text.stdout).toContain('3 prompts (2 with a skill that should run, 1 with none), 2 skills')
    expect(text.stdout).toMatch(/shipped \(SHOULD_HAVE_RUN_MIN\): threshold 0\.150 {2}precision 1\.000 {2}recall 1\.000/)
  })

  it('names the file and line of a bad prompt or of a label naming no skill', async () => {
    const prompts = path.join(tempDir(), 'bad.jsonl')
    writeFile(prompts, '{"prompt": "fine", "skills": []}\n{"prompt": "typo", "skills": ["release-note"]}\n')
    const run = await evalCoverage(['--skills', skills, '--prompts', prompts])
    expect(run.code).toBe(2)
    expect(run.stderr).toContain(`${prompts}:2: "release-note" names no skill under ${skills}`)
  })
})
