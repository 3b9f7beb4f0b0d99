import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { dispatch } from '../api/dispatch'
import { testContext } from '../test-support/app-context'
import { tempDir } from '../test-support/temp-dir'
import { SkillTracker } from '../tracking/tracker'

function write(file: string, text: string) {
  fs.mkdirSync(path.dirname(file), { recursive: true })
  fs.writeFileSync(file, text)
}

const skill = (name: string, description: string, body = '') => `---\nname: ${name}\ndescription: ${description}\n---\n\n# ${name}\n\n${body}\n`

/** A project with three skills of its own and one skill in the user's Claude config folder. */
async function catalogueFixture() {
  const projectPath = tempDir()
  const claude = path.join(projectPath, '.claude')
  write(path.join(claude, 'skills', 'debugging', 'SKILL.md'), skill('debugging', 'Use when a test fails or a bug has no obvious cause; find the root cause before fixing', 'Reproduce, isolate, then fix.'))
  write(path.join(claude, 'skills', 'poster-design.md'), skill('poster-design', 'Design posters and visual art as PNG or PDF files'))
  write(path.join(claude, 'commands', 'release.md'), '# Release\n\nCut a release: bump the version, write the changelog, tag and publish.\n')
  const userConfig = tempDir()
  write(path.join(userConfig, 'skills', 'standup', 'SKILL.md'), skill('standup', 'Summarise yesterday and today for the daily standup meeting'))
  const context = await testContext({ claudeConfigDirs: [userConfig] })
  const call = <T>(name: string, input: unknown) => dispatch(context.handlers, name, input) as Promise<{ ok: boolean; data: T; error?: { code: string; message: string } }>
  const project = (await call<{ id: number }>('projects-add', { path: projectPath, storePrompts: true })).data
  return { context, call, projectPath, project, userConfig }
}

interface Found {
  mode: string
  results: Array<{ name: string; kind: string; invocation: string; projectName: string | null; path: string; score: { final: number; semantic: number; explanation: string[]; relevance: { wording: number; meaning: number; history: number } } }>
}

describe('skill search service', () => {
  it('catalogues project and user skills and ranks by meaning once vectors are ready', async () => {
    const { context, call, projectPath } = await catalogueFixture()
    const status = (await call<{ skills: number; commands: number; roots: Array<{ dir: string; skills: number }> }>('catalogue-status', {})).data
    expect(status).toMatchObject({ skills: 3, commands: 1 })
    expect(status.roots.find((r) => r.dir === path.join(projectPath, '.claude'))!.skills).toBe(3)

    await context.search.whenReady()
    const found = (await call<Found>('skills-find', { query: 'my test keeps failing and I cannot see why' })).data
    expect(found.mode).toBe('hybrid')
    expect(found.results[0]).toMatchObject({ name: 'debugging', kind: 'skill', invocation: '/debugging', projectName: path.basename(projectPath) })
    const top = found.results[0]!.score
    expect(top.relevance.wording).toBeGreaterThan(0)
    expect(top.relevance.meaning).toBe(1)
    expect(top.final).toBeCloseTo(0.6 * top.semantic + 0.3 * 0.5 + 0.1 * 0)
    expect(top.explanation[0]).toMatch(/^relevance \d+%: wording \d+%, meaning 100% of the best match$/)

    // No shared words with any skill: only meaning finds it.
    const paraphrase = (await call<Found>('skills-find', { query: 'a picture to hang on the wall' })).data
    expect(paraphrase.results[0]!.name).toBe('poster-design')
  })

  it('learns from past requests that ended in a completed invocation', async () => {
    const { context, call, projectPath, project } = await catalogueFixture()
    await context.search.whenReady()
    const request = 'get yesterday and today written up for the team'
    const before = (await call<Found>('skills-find', { query: request })).data.results.find((r) => r.name === 'release')
    expect(before?.score.relevance.history ?? 0).toBe(0)

    const tracker = new SkillTracker(projectPath)
    tracker.startSession('s-1')
    tracker.trackInvocation({ skillName: 'release', sessionId: 's-1', userQuery: 'get yesterday and today written up for the team please' })({ completed: true })
    tracker.endSession('s-1')
    await call('ingest-run', { projectId: project.id })
    await context.search.rebuild()

    const after = (await call<Found>('skills-find', { query: request })).data.results.find((r) => r.name === 'release')!
    expect(after.score.relevance.history).toBeGreaterThan(0.2)
    expect(after.score.explanation).toContain('you completed it before for a similar request: "get yesterday and today written up for the team please"')
    expect(after.score.explanation).toContain('completed 100% of 1 tracked uses (recent ones count more)')
  })

  it('follows file changes through the watcher and opens only catalogued files', async () => {
    const { context, call, projectPath } = await catalogueFixture()
    await context.startBackgroundWork()
    const changed = new Promise<void>((resolve) => context.changes.subscribe((e) => e.topics.includes('skills') && resolve()))
    const added = path.join(projectPath, '.claude', 'skills', 'migrations', 'SKILL.md')
    write(added, skill('migrations', 'Write database schema migrations safely'))
    await changed
    const found = (await call<Found>('skills-find', { query: 'database schema migration' })).data
    expect(found.results[0]!.path).toBe(added)

    const refused = await call('skill-file-open', { path: '/etc/passwd' })
    expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden' } })

    const log = path.join(tempDir(), 'opened.txt')
    const opener = path.join(tempDir(), 'opener.sh')
    write(opener, `#!/bin/sh\nprintf '%s' "$1" > '${log}'\n`)
    fs.chmodSync(opener, 0o755)
    process.env.SESSION_BUDDY_OPENER = opener
    try {
      expect(await call('skill-file-open', { path: added })).toMatchObject({ ok: true, data: { opened: added } })
      await expect.poll(() => fs.existsSync(log) && fs.readFileSync(log, 'utf8')).toBe(added)
    } finally {
      delete process.env.SESSION_BUDDY_OPENER
    }
  })
})
