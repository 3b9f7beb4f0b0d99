import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { dispatch } from '../api/dispatch'
import { testContext } from '../test-support/app-context'
import { tempDir, writeFile } from '../test-support/temp-dir'
import { writeTinySentenceModel } from '../test-support/tiny-sentence-model'
import { SkillTracker } from '../tracking/tracker'


const skill = (name: string, description: string, body = '') => `---\nname: ${name}\ndescription: ${description}\n---\n\n# ${name}\n\n${body}\n`

/** A project with three skills of its own and one skill in the user's Claude config folder. */
async function catalogueFixture() {
  const projectPath = tempDir()
  const claude = path.join(projectPath, '.claude')
  writeFile(path.join(claude, 'skills', 'debugging', 'SKILL.md'), skill('debugging', 'Use when a test fails or a bug has no obvious cause; find the root cause before fixing', 'Reproduce, isolate, then fix.'))
  writeFile(path.join(claude, 'skills', 'poster-design.md'), skill('poster-design', 'Design posters and visual art as PNG or PDF files'))
  writeFile(path.join(claude, 'commands', 'release.md'), '# Release\n\nCut a release: bump the version, write the changelog, tag and publish.\n')
  const userConfig = tempDir()
  writeFile(path.join(userConfig, 'skills', 'standup', 'SKILL.md'), skill('standup', 'Summarise yesterday and today for the daily standup meeting'))
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
    expect(top.explanation[0]).toMatch(/^relevance \d+%: wording \d+%, meaning 100%, word parts \d+% of the best match$/)

    // No shared words with any skill: only meaning finds it.
    const paraphrase = (await call<Found>('skills-find', { query: 'a picture to hang on the wall' })).data
    expect(paraphrase.results[0]!.name).toBe('poster-design')
  })

  it('searches by meaning once every description has its vector, then refines with the other texts', async () => {
    const { context, call } = await catalogueFixture()
    const states: string[] = []
    let whileRefining: Promise<{ data: Found }> | undefined
    context.changes.subscribe((e) => {
      if (!e.topics.includes('skills')) return
      const state = context.search.embedStatus().state
      states.push(state)
      if (state === 'refining') whileRefining ??= call<Found>('skills-find', { query: 'a picture to hang on the wall' })
    })
    await context.search.whenReady()
    expect(states.filter((s) => s === 'refining' || s === 'ready')).toEqual(['refining', 'ready'])
    const early = (await whileRefining!).data
    expect(early.mode).toBe('hybrid')
    expect(early.results[0]!.name).toBe('poster-design')
    expect(context.search.embedStatus()).toMatchObject({ state: 'ready', embedded: context.search.embedStatus().total })

    // A second start finds every vector stored: nothing to refine.
    states.length = 0
    await context.search.rebuild()
    expect(states.filter((s) => s === 'refining' || s === 'ready')).toEqual(['ready'])
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
    expect(after.score.explanation).toContain('completed 1 of 1 tracked runs with a known outcome (100% with recent ones counting more)')
  })

  it('use in a project left out of insights informs only searches from that project', async () => {
    const { context, call, projectPath, project } = await catalogueFixture()
    await context.search.whenReady()
    const request = 'get yesterday and today written up for the team'
    const tracker = new SkillTracker(projectPath)
    tracker.startSession('s-1')
    tracker.trackInvocation({ skillName: 'release', sessionId: 's-1', userQuery: 'get yesterday and today written up for the team please' })({ completed: true })
    tracker.endSession('s-1')
    await call('ingest-run', { projectId: project.id })
    await call('projects-update', { id: project.id, includeInInsights: false })
    await context.search.rebuild()

    // From anywhere else (another project, or no project): neither its past request nor its record counts.
    const other = (await call<{ id: number }>('projects-add', { path: tempDir() })).data
    for (const from of [{}, { projectId: other.id }]) {
      const release = (await call<Found>('skills-find', { query: request, ...from })).data.results.find((r) => r.name === 'release')
      expect(release?.score.relevance.history ?? 0).toBe(0)
      expect(release?.score.explanation.join(' | ') ?? '', JSON.stringify(release?.score.explanation)).not.toMatch(/written up|completed 1 of 1/)
    }
    // From the project itself, its own use still helps.
    const own = (await call<Found>('skills-find', { query: request, projectId: project.id })).data.results.find((r) => r.name === 'release')!
    expect(own.score.relevance.history).toBeGreaterThan(0.2)
    expect(own.score.explanation).toContain('completed 1 of 1 tracked runs with a known outcome (100% with recent ones counting more)')
  })

  it('switches to a transformers.js model folder and back, re-embedding in the background with progress', async () => {
    const { context, call } = await catalogueFixture()
    await context.search.whenReady()
    const model = path.join(tempDir(), 'tiny-encoder')
    writeTinySentenceModel(model)
    const progress: Array<{ done: number; total: number }> = []
    context.changes.subscribe((e) => e.progress?.task === 'search:embed' && progress.push(e.progress))

    const status = await call<{ embedder: { setting: unknown; model: string } }>('catalogue-settings-set', { embedder: { kind: 'transformers', model, allowDownload: false } })
    expect(status.data.embedder).toMatchObject({ setting: { kind: 'transformers', model, allowDownload: false }, model: 'transformers:tiny-encoder' })
    await context.search.whenReady()
    expect(context.search.embedStatus()).toMatchObject({ state: 'ready', model: 'transformers:tiny-encoder' })
    expect(progress.at(-1)!.done).toBe(progress.at(-1)!.total)
    const found = (await call<Found & { embedder: string }>('skills-find', { query: 'fix the failing test' })).data
    expect(found).toMatchObject({ mode: 'hybrid', embedder: 'transformers:tiny-encoder' })
    expect(found.results[0]!.name).toBe('debugging')

    // Back to the default: its vectors are still stored, so nothing is embedded again.
    progress.length = 0
    await call('catalogue-settings-set', { embedder: { kind: 'use-lite' } })
    await context.search.whenReady()
    expect(progress[0]).toMatchObject({ done: progress[0]!.total })
    const rows = context.database.sqlite.prepare('select model, count(*) as n from text_embeddings group by model order by model').all() as Array<{ model: string; n: number }>
    expect(rows.map((r) => r.model)).toEqual(['transformers:tiny-encoder', 'use-lite-512'])
  })

  it('refuses a relative extra folder and a malformed model id', async () => {
    const { call } = await catalogueFixture()
    expect(await call('catalogue-settings-set', { extraFolders: ['relative/skills'] })).toMatchObject({ ok: false, error: { code: 'invalid-input', message: 'extra skill folders must be absolute paths: relative/skills' } })
    expect(await call('catalogue-settings-set', { embedder: { kind: 'transformers', model: 'not a model id' } })).toMatchObject({ ok: false, error: { code: 'invalid-input' } })
  })

  it('follows file changes through the watcher and opens only catalogued files', async () => {
    const { context, call, projectPath } = await catalogueFixture()
    await context.startBackgroundWork()
    const added = path.join(projectPath, '.claude', 'skills', 'migrations', 'SKILL.md')
    writeFile(added, skill('migrations', 'Write database schema migrations safely'))
    // The first 'skills' change may be the startup scan, which ran before the file existed; wait for the one that has it.
    const topResult = async () => (await call<Found>('skills-find', { query: 'database schema migration' })).data.results[0]?.path
    await expect.poll(topResult, { timeout: 20_000 }).toBe(added)

    const refused = await call('skill-file-open', { path: '/etc/passwd' })
    expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden' } })

    const log = path.join(tempDir(), 'opened.txt')
    const opener = path.join(tempDir(), 'opener.sh')
    writeFile(opener, `#!/bin/sh\nprintf '%s' "$1" > '${log}'\n`)
    fs.chmodSync(opener, 0o755)
    process.env.SESSION_BUDDY_OPENER = opener
    try {
      expect(await call('skill-file-open', { path: added })).toMatchObject({ ok: true, data: { opened: added } })
      await expect.poll(() => fs.existsSync(log) && fs.readFileSync(log, 'utf8')).toBe(added)
      fs.rmSync(log)
      // "Show in folder" opens the folder that holds it.
      expect(await call('skill-file-open', { path: added, reveal: true })).toMatchObject({ ok: true, data: { opened: path.dirname(added) } })
      await expect.poll(() => fs.existsSync(log) && fs.readFileSync(log, 'utf8')).toBe(path.dirname(added))
    } finally {
      delete process.env.SESSION_BUDDY_OPENER
    }
    // Where nothing can open files, the error says so and hands over the path.
    process.env.SESSION_BUDDY_NO_OPEN = '1'
    try {
      const failed = await call('skill-file-open', { path: added })
      expect(failed).toMatchObject({ ok: false, error: { code: 'conflict', message: `Session Buddy cannot open files on this machine (no display, or opening is switched off). Copy the path instead: ${added}` } })
    } finally {
      delete process.env.SESSION_BUDDY_NO_OPEN
    }
  })
})
