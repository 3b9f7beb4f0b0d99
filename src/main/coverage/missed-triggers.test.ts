import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import type { CoverageView } from '../../shared/api/coverage'
import { parseSkillFile } from '../catalogue/skill-file-parser'
import { toSearchable } from '../search/searchable-skill'
import { apiCaller, testContext } from '../test-support/app-context'
import { corpusPath, SHARED_AVAILABLE, SHARED_SKIP_MESSAGE } from '../test-support/shared-corpus'
import { tempDir } from '../test-support/temp-dir'
import { MISSED_PROMPT, missedTriggerSession, TRIGGER_SKILLS, writeTriggerSkills } from '../test-support/missed-trigger-session'
import { databaseWithProject } from '../test-support/project-db'
import type { CatalogueSkill } from '../catalogue/catalogue.service'
import { EventProjector } from '../ingest/event-projector'
import { PromptMatcher } from './prompt-matcher'
import { PromptScoring } from './prompt-scoring'
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

describe('background prompt scoring', () => {
  it('waits until ingest has been quiet, then scores; a prompt whose row is gone is skipped; the hook and transcript copies match once', async () => {
    const { sqlite, project, root } = await databaseWithProject()
    writeTriggerSkills(root)
    const catalogue: CatalogueSkill[] = TRIGGER_SKILLS.map(([name], id) => {
      const file = path.join(root, 'skills', name, 'SKILL.md')
      return { ...parseSkillFile(file, fs.readFileSync(file, 'utf8')), id, projectId: null, projectName: null, path: file, contentHash: String(id) }
    })
    const scoring = new PromptScoring(sqlite, new PromptMatcher(() => catalogue))
    const projector = new EventProjector(sqlite, scoring)
    const at = (seconds: number) => new Date(Date.UTC(2026, 11, 1, 9, 0, seconds)).toISOString()
    const prompt = (id: string, seconds: number) => ({ v: 1 as const, type: 'prompt.submitted' as const, id, session_id: 's-bg', ts: at(seconds), prompt: MISSED_PROMPT })
    // The same prompt from the hook (event log) and from the transcript, two seconds apart, then a prompt whose batch is rolled back.
    sqlite.transaction(() => {
      projector.apply(prompt('hook-1', 0), project)
      projector.apply(prompt('line-1', 2), project, 'transcript')
    })()
    try {
      sqlite.transaction(() => {
        projector.apply(prompt('rolled-back', 300), project)
        throw new Error('the batch failed')
      })()
    } catch {
      // as a failed ingest batch would
    }
    const matches = () => sqlite.prepare('select session_id, skill_name from prompt_matches').all()
    expect(scoring.pending).toBe(3)
    expect(matches()).toEqual([])
    await new Promise((resolve) => setTimeout(resolve, 600))
    expect(scoring.pending).toBe(0)
    expect(matches()).toEqual([{ session_id: 's-bg', skill_name: 'release-notes' }])
  })
})
