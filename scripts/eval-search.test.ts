import { execFile } from 'node:child_process'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { fileTempDir, tempDir, writeFile } from '../src/main/test-support/temp-dir'

const root = path.resolve(__dirname, '..')

function evalSearch(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(path.join(root, 'node_modules', '.bin', 'tsx'), [path.join(root, 'scripts', 'eval-search.ts'), ...args], { cwd: root }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    )
  })
}

describe('npm run eval:search', () => {
  const skills = fileTempDir()
  writeFile(path.join(skills, 'merge-conflicts', 'SKILL.md'), '---\nname: resolving-merge-conflicts\ndescription: Use when git merge or rebase stops with conflict markers\n---\n')
  writeFile(path.join(skills, 'release-notes', 'SKILL.md'), '---\nname: release-notes\ndescription: Use when writing the release notes for a new version\n---\n')
  writeFile(path.join(skills, 'flaky-tests.md'), '# Flaky tests\n\nUse when a test passes and fails at random.\n')
  writeFile(path.join(skills, 'commands', 'standup.md'), '# Standup\n\nSummarise what happened yesterday for the daily meeting.\n')
  writeFile(path.join(skills, 'commands', 'deploy.md'), '# Deploy\n\nShip the current build to the staging servers.\n')

  it('scores labelled queries with each method and lists each miss with what outranked it', async () => {
    const queries = path.join(tempDir(), 'queries.jsonl')
    writeFile(
      queries,
      [
        { query: 'my rebase stopped with conflict markers', relevant: ['merge-conflicts/SKILL.md'] },
        // Labelled wrong on purpose, so there is a miss to report.
        { query: 'write the release notes for version 2', relevant: ['flaky-tests.md'] },
      ]
        .map((q) => JSON.stringify(q))
        .join('\n') + '\n',
    )
    const noMatch = path.join(tempDir(), 'no-match.jsonl')
    writeFile(noMatch, `${JSON.stringify({ query: 'what will the weather be like in Lisbon tomorrow', relevant: [] })}\n`)
    const run = await evalSearch(['--skills', skills, '--queries', queries, '--no-match', noMatch, '--json'])
    expect(run.code).toBe(0)
    const results = JSON.parse(run.stdout) as Array<{
      method: string
      skills: number
      queries: number
      top1: number
      top3: number
      mrr: number
      noClearMatch: { unanswerable: number; silentWhenItShould: number }
      misses: Array<{ query: string; rank: number | null; ranked: string[] }>
    }>
    expect(results.map((r) => r.method)).toEqual(['lexical', 'ngram', 'embedding', 'lexical+embedding', 'lexical+ngram', 'hybrid'])
    const hybrid = results[5]!
    // The unanswerable request is not a query for top-k; it only calibrates "no clear match".
    expect(hybrid.noClearMatch).toMatchObject({ unanswerable: 1, silentWhenItShould: 1 })
    expect(hybrid).toMatchObject({ skills: 5, queries: 2, top1: 0.5, top3: 0.5 })
    expect(hybrid.misses).toHaveLength(1)
    expect(hybrid.misses[0]).toMatchObject({ query: 'write the release notes for version 2' })
    expect(hybrid.misses[0]!.ranked[0]).toBe('release-notes/SKILL.md')
    expect(hybrid.misses[0]!.ranked).toHaveLength(3)
    // MRR: 1 for the hit, 1/rank for the mislabelled one (or 0 if not ranked at all).
    expect(hybrid.mrr).toBeCloseTo((1 + (hybrid.misses[0]!.rank ? 1 / hybrid.misses[0]!.rank : 0)) / 2)
  })

  it('names the file and line of a bad query or of a label naming no skill file', async () => {
    const queries = path.join(tempDir(), 'bad.jsonl')
    writeFile(queries, '{"query": "fine", "relevant": ["flaky-tests.md"]}\n{"query": "no labels"}\n')
    const malformed = await evalSearch(['--skills', skills, '--queries', queries])
    expect(malformed.code).toBe(2)
    expect(malformed.stderr).toContain(`${queries}:2: needs "query" and "relevant"`)
    writeFile(queries, '{"query": "fine", "relevant": ["flaky-tests.md"]}\n\n{"query": "typo", "relevant": ["flaky-test.md"]}\n')
    const unknown = await evalSearch(['--skills', skills, '--queries', queries])
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toContain(`${queries}:3: "flaky-test.md" is not a skill file under ${skills}`)
  })
})
