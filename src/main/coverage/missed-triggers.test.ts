import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import type { CoverageView } from '../../shared/api/coverage'
import { parseSkillFile } from '../catalogue/skill-file-parser'
import { toSearchable } from '../search/searchable-skill'
import { apiCaller, testContext } from '../test-support/app-context'
import { corpusPath, SHARED_AVAILABLE, SHARED_SKIP_MESSAGE } from '../test-support/shared-corpus'
import { tempDir } from '../test-support/temp-dir'
import { MISSED_PROMPT, missedTriggerSession, writeTriggerSkills } from '../test-support/missed-trigger-session'
import { TranscriptLines } from '../test-support/transcript-lines'
import { listFilesDeep } from '../system/files'
import { skillOverlaps } from './skill-overlaps'

async function trackedProject(storePrompts: boolean) {
  const config = tempDir()
  writeTriggerSkills(config)
  const context = await testContext({ claudeConfigDirs: [config] })
  const call = apiCaller(context)
  const project = fs.realpathSync(tempDir())
  await call('projects-add', { path: project, storePrompts })
  return { call, project }
}

describe('missed triggers', () => {
  it('flags a request a catalogued skill fits when no skill ran in its turn, and counts the turn where it ran', async () => {
    const { call, project } = await trackedProject(false)
    const transcripts = tempDir()
    fs.writeFileSync(path.join(transcripts, 'mt-1.jsonl'), missedTriggerSession(project, 'mt-1'))
    await call('import-run', { source: 'claude-code', from: [transcripts] })

    const { triggers } = await call<CoverageView>('coverage-get', { days: 30 })
    expect(triggers.skills).toEqual([
      expect.objectContaining({ name: 'release-notes', matched: 2, ranInTurn: 1, otherRan: 0, missed: 1, missedPrompts: [expect.objectContaining({ sessionId: 'mt-1', prompt: null })] }),
    ])
    expect(triggers.skills[0]!.missedPrompts[0]!.strength).toBeGreaterThanOrEqual(triggers.threshold)
    expect(triggers).toMatchObject({ matched: 2, missed: 1 })
  })

  it('shows the prompt text only where the project stores prompts', async () => {
    const { call, project } = await trackedProject(true)
    const transcripts = tempDir()
    fs.writeFileSync(path.join(transcripts, 'mt-2.jsonl'), missedTriggerSession(project, 'mt-2'))
    await call('import-run', { source: 'claude-code', from: [transcripts] })
    const { triggers } = await call<CoverageView>('coverage-get', { days: 30 })
    expect(triggers.skills[0]!.missedPrompts.map((m) => m.prompt)).toEqual([MISSED_PROMPT])
  })

  it("ignores a sub-agent's prompt: the main agent wrote it, and it does not end the user's turn", async () => {
    const { call, project } = await trackedProject(false)
    const transcripts = tempDir()
    const lines = new TranscriptLines(project, 'mt-3', Date.now() - 3_600_000).prompt(0, 'ship it').toLines()
    const agentPrompt = { ...JSON.parse(lines[0]!), uuid: 'agent-1', isSidechain: true, timestamp: new Date(Date.now() - 3_590_000).toISOString() }
    agentPrompt.message = { role: 'user', content: MISSED_PROMPT }
    fs.writeFileSync(path.join(transcripts, 'mt-3.jsonl'), `${[...lines, JSON.stringify(agentPrompt)].join('\n')}\n`)
    await call('import-run', { source: 'claude-code', from: [transcripts] })
    expect((await call<CoverageView>('coverage-get', { days: 30 })).triggers).toMatchObject({ matched: 0, missed: 0, skills: [] })
  })
})

describe.skipIf(!SHARED_AVAILABLE)(`overlapping skills ${SHARED_AVAILABLE ? '' : SHARED_SKIP_MESSAGE}`, () => {
  it('pairs two near-duplicate corpus skills from different repositories in the whole corpus catalogue, and not unrelated ones', () => {
    const root = corpusPath('skills')
    const skills = listFilesDeep(root, (name) => name.endsWith('.md')).map((file) => toSearchable(path.relative(root, file), parseSkillFile(file, fs.readFileSync(file, 'utf8'))))
    const pairs = skillOverlaps(skills)
    const debugging = pairs.find((p) => p.a === 'obra__superpowers/skills/systematic-debugging/SKILL.md' && p.b === 'unboxed__bops/.claude/skills/debugging.md')
    expect(debugging?.mutualRelevance).toBeGreaterThanOrEqual(0.45)
    expect(pairs.some((p) => [p.a, p.b].some((key) => key.includes('algorithmic-art')))).toBe(false)
    expect(pairs.every((p) => p.mutualRelevance >= 0.45 && p.a !== p.b)).toBe(true)
  })
})
