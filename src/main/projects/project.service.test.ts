import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { dispatch } from '../api/dispatch'
import { testContext } from '../test-support/app-context'
import { listBackups, takeBackup } from '../storage/backups'
import { countAllRows, seedProjectRows } from '../test-support/project-rows'
import { makeProjectFolder, tempDir } from '../test-support/temp-dir'

describe('projects', () => {
  it('registers a folder with its detected type and privacy defaults', async () => {
    const { handlers } = await testContext()
    const folder = makeProjectFolder(tempDir(), 'checkout-service', 'pyproject.toml')
    const project = await handlers['projects-add']({ path: folder })
    expect(project).toMatchObject({
      path: folder,
      name: 'checkout-service',
      projectType: 'python',
      track: true,
      includeInInsights: true,
      storePrompts: false,
      counts: { sessions: 0, invocations: 0, workflowRuns: 0, skills: 0, ingestErrors: 0 },
    })
    expect(await handlers['projects-list']({})).toEqual([project])
  })

  it('refuses a missing path, a file and a folder already registered, saying why', async () => {
    const context = await testContext()
    const root = tempDir()
    const folder = makeProjectFolder(root, 'app')
    const file = path.join(folder, 'package.json')
    expect(await dispatch(context.handlers, 'projects-add', { path: path.join(root, 'missing') })).toMatchObject({
      ok: false,
      error: { code: 'invalid-input', message: `No folder at ${path.join(root, 'missing')}: check the path and try again` },
    })
    expect(await dispatch(context.handlers, 'projects-add', { path: file })).toMatchObject({
      ok: false,
      error: { code: 'invalid-input', message: expect.stringContaining('is a file, not a folder') },
    })
    await context.handlers['projects-add']({ path: folder })
    // The same folder through a trailing slash and a symlink is still the same project.
    fs.symlinkSync(folder, path.join(root, 'link'))
    for (const again of [`${folder}/`, path.join(root, 'link')]) {
      expect(await dispatch(context.handlers, 'projects-add', { path: again })).toMatchObject({
        ok: false,
        error: { code: 'conflict', message: `${folder} is already registered (as "app")` },
      })
    }
  })

  it('previews exactly the paths it will read before anything is stored', async () => {
    const { handlers } = await testContext()
    const folder = makeProjectFolder(tempDir(), 'web', 'Cargo.toml')
    fs.mkdirSync(path.join(folder, '.claude', 'skills'), { recursive: true })
    const preview = await handlers['projects-preview']({ path: folder })
    expect(preview.projectType).toBe('rust')
    expect(preview.readPaths.map((p) => p.path)).toContain(path.join(folder, '.session-buddy', 'events'))
    expect(preview.readPaths.find((p) => p.path === path.join(folder, '.claude', 'skills'))?.exists).toBe(true)
    expect(preview.readPaths.find((p) => p.path.endsWith('events'))?.exists).toBe(false)
    expect(await handlers['projects-list']({})).toEqual([])
  })

  it('switches tracking, insights and prompt storage independently, and publishes the change', async () => {
    const context = await testContext()
    const seen: string[][] = []
    context.changes.subscribe((event) => seen.push(event.topics))
    const { id } = await context.handlers['projects-add']({ path: makeProjectFolder(tempDir(), 'a') })
    const updated = await context.handlers['projects-update']({ id, includeInInsights: false, storePrompts: true })
    expect(updated).toMatchObject({ track: true, includeInInsights: false, storePrompts: true })
    expect(seen).toEqual([['projects'], ['projects']])
  })

  it('removing a project deletes every row that came from it and none of another project', async () => {
    const context = await testContext()
    const root = tempDir()
    const keep = await context.handlers['projects-add']({ path: makeProjectFolder(root, 'keep') })
    const drop = await context.handlers['projects-add']({ path: makeProjectFolder(root, 'drop') })
    await seedProjectRows(context.database, keep.id, 'keep')
    await seedProjectRows(context.database, drop.id, 'drop')
    const before = await countAllRows(context.database.db)
    expect(Object.values(before).every((n) => n === 2)).toBe(true)

    const { removed } = await context.handlers['projects-remove']({ id: drop.id })
    expect(removed.counts).toEqual({ sessions: 1, invocations: 1, workflowRuns: 1, skills: 1, ingestErrors: 1 })
    const after = await countAllRows(context.database.db)
    expect(Object.values(after).every((n) => n === 1)).toBe(true)
    expect((await context.handlers['projects-list']({})).map((p) => p.name)).toEqual(['keep'])
  })

  it('leaves none of a removed project’s text readable in the database file', async () => {
    const context = await testContext()
    const root = tempDir()
    const project = await context.handlers['projects-add']({ path: makeProjectFolder(root, 'secret-project'), storePrompts: true })
    const secret = 'the launch code is ORANGE-FALCON-7731'
    const sqlite = context.database.sqlite
    sqlite.prepare("insert into sessions (id, project_id, started_at, source, created_at) values ('s-secret', ?, '2026-11-20T09:00:00Z', 't', 'now')").run(project.id)
    for (let i = 0; i < 50; i++) {
      sqlite.prepare("insert into prompts (project_id, session_id, ts, text, source_ref) values (?, 's-secret', '2026-11-20T09:00:00Z', ?, ?)").run(project.id, `${secret} #${i}`, `p-${i}`)
    }
    sqlite.pragma('wal_checkpoint(TRUNCATE)')
    const file = context.database.file
    // A backup taken while the project was there holds its text too.
    await takeBackup(sqlite, file, 'daily')
    const files = () => [file, `${file}-wal`, ...listBackups(file).map((b) => b.file)].filter((f) => fs.existsSync(f))
    const readable = () => files().some((f) => fs.readFileSync(f).includes('ORANGE-FALCON'))
    expect(readable()).toBe(true)
    await context.handlers['projects-remove']({ id: project.id })
    expect(readable()).toBe(false)
    expect(listBackups(file)).toHaveLength(1)
  })

  it('switching prompt storage off deletes the prompt text already stored, in the file too', async () => {
    const context = await testContext()
    const project = await context.handlers['projects-add']({ path: makeProjectFolder(tempDir(), 'chatty'), storePrompts: true })
    const sqlite = context.database.sqlite
    sqlite.prepare("insert into sessions (id, project_id, started_at, source, created_at) values ('s-chatty', ?, '2026-11-20T09:00:00Z', 't', 'now')").run(project.id)
    for (let i = 0; i < 30; i++) sqlite.prepare("insert into prompts (project_id, session_id, ts, text, source_ref) values (?, 's-chatty', '2026-11-20T09:00:00Z', ?, ?)").run(project.id, `please rotate the key PURPLE-OTTER-${i}`, `p-${i}`)
    sqlite.prepare("insert into skill_invocations (project_id, session_id, skill_name, status, started_at, user_query, source, source_ref) values (?, 's-chatty', 'keys', 'running', 'x', 'rotate PURPLE-OTTER now', 't', 'r1')").run(project.id)
    sqlite.pragma('wal_checkpoint(TRUNCATE)')
    const file = context.database.file
    await takeBackup(sqlite, file, 'daily')
    const readable = () => [file, `${file}-wal`, ...listBackups(file).map((b) => b.file)].filter((f) => fs.existsSync(f)).some((f) => fs.readFileSync(f).includes('PURPLE-OTTER'))
    expect(readable()).toBe(true)
    await context.handlers['projects-update']({ id: project.id, storePrompts: false })
    expect(sqlite.prepare('select count(*) from prompts where text is not null').pluck().get()).toBe(0)
    expect(sqlite.prepare('select user_query from skill_invocations').pluck().get()).toBeNull()
    // The prompts themselves stay (that one was sent, and when), without their text.
    expect(sqlite.prepare('select count(*) from prompts').pluck().get()).toBe(30)
    expect(readable()).toBe(false)
  })
})
