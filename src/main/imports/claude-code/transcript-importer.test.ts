import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import BetterSqlite3 from 'better-sqlite3'
import { addProjectRow, databaseWithProject } from '../../test-support/project-db'
import { nativeBindingPath } from '../../storage/native-binding'
import { tempDir } from '../../test-support/temp-dir'
import { importTranscripts } from './transcript-importer'
import { claudeTranscript as transcript } from '../../test-support/claude-transcript'
import { describeSkipped } from '../../../shared/import-words'

describe('importTranscripts', () => {
  it("turns Skill calls and slash commands into invocations, with the prompt before as the user's query where allowed", async () => {
    for (const storePrompts of [true, false]) {
      const t = await databaseWithProject({ storePrompts })
      const file = path.join(tempDir(), 'sess-1.jsonl')
      fs.writeFileSync(file, `${transcript(path.join(t.projectPath, 'src'))}\n`)
      const report = await importTranscripts(t.sqlite, { roots: [file] })
      expect(report).toMatchObject({ files: 1, sessions: 1, invocationsFound: 2, invocationsAdded: 2, problems: [] })
      expect(t.sqlite.prepare('select skill_name, status, user_query, source from skill_invocations order by started_at').all()).toEqual([
        { skill_name: 'crackerjack-run', status: 'completed', user_query: storePrompts ? 'I need to fix type errors' : null, source: 'transcript' },
        { skill_name: 'session-checkpoint', status: 'completed', user_query: storePrompts ? 'before release' : null, source: 'transcript' },
      ])
      expect(t.sqlite.prepare('select id, model, git_branch, started_at, ended_at from sessions').get()).toEqual({
        id: 'sess-1',
        model: 'claude-opus-4-6',
        git_branch: 'main',
        started_at: '2026-11-20T09:00:00.000Z',
        ended_at: '2026-11-20T09:00:40.000Z',
      })
    }
  })

  it('resumes from the last offset, waits for a partial last line, and reads only sessions in registered projects', async () => {
    const t = await databaseWithProject()
    const dir = tempDir()
    const file = path.join(dir, 'sess-1.jsonl')
    const lines = transcript(t.projectPath).split('\n')
    fs.writeFileSync(file, `${lines.slice(0, 2).join('\n')}\n${lines[2]!.slice(0, 30)}`)
    fs.writeFileSync(path.join(dir, 'elsewhere.jsonl'), `${transcript('/somewhere/else', 'sess-2')}\n`)
    const first = await importTranscripts(t.sqlite, { roots: [dir] })
    expect(first.skipped['outside-registered-projects']).toBe(12)
    expect(t.sqlite.prepare('select status from skill_invocations').pluck().all()).toEqual(['running'])

    fs.appendFileSync(file, `${lines[2]!.slice(30)}\n${lines.slice(3).join('\n')}\n`)
    const second = await importTranscripts(t.sqlite, { roots: [file] })
    // The first pass stopped inside a turn with a run still open, so the second starts again at that turn's prompt
    // (line 1) and re-derives the run whole; rows are keyed by ids, so nothing is stored twice.
    expect(second.bytes).toBe(fs.statSync(file).size)
    expect(t.sqlite.prepare('select skill_name, status from skill_invocations order by started_at').all()).toEqual([
      { skill_name: 'crackerjack-run', status: 'completed' },
      { skill_name: 'session-checkpoint', status: 'completed' },
    ])
  })

  it('a dry run reports what it would import and stores nothing', async () => {
    const t = await databaseWithProject()
    const file = path.join(tempDir(), 'sess-1.jsonl')
    fs.writeFileSync(file, `${transcript(t.projectPath)}\n`)
    const report = await importTranscripts(t.sqlite, { roots: [file], dryRun: true })
    expect(report).toMatchObject({ dryRun: true, invocationsAdded: 2 })
    expect(t.sqlite.prepare('select count(*) from skill_invocations').pluck().get()).toBe(0)
    expect(t.sqlite.prepare('select count(*) from ingest_files').pluck().get()).toBe(0)
  })

  it('a dry run holds no write transaction: writes made meanwhile, here or by another process, stay', async () => {
    const t = await databaseWithProject()
    const dir = tempDir()
    for (const name of ['sess-1', 'sess-2']) fs.writeFileSync(path.join(dir, `${name}.jsonl`), `${transcript(t.projectPath).replaceAll('sess-1', name)}\n`)
    const other = new BetterSqlite3(t.database.file, { nativeBinding: nativeBindingPath() })
    other.pragma('busy_timeout = 0')
    const report = await importTranscripts(t.sqlite, {
      roots: [dir],
      dryRun: true,
      onProgress: ({ files }) => {
        // Between two files of the dry run: the app's own connection and another process both write.
        addProjectRow(t.database, path.join(t.root, `added-here-${files}`))
        other.prepare("insert into projects (path, name, registered_at, updated_at) values (?, 'other', '2026-12-02', '2026-12-02')").run(path.join(t.root, `added-there-${files}`))
      },
    })
    other.close()
    // The second file is a resumed copy of the first (same tool_use ids): counted once, as a real import would.
    expect(report).toMatchObject({ dryRun: true, files: 2, invocationsAdded: 2 })
    expect(t.sqlite.prepare("select count(*) from projects where path like '%added-%'").pluck().get()).toBe(4)
    expect(t.sqlite.prepare('select count(*) from skill_invocations').pluck().get()).toBe(0)
  })

  it('an import opens no file that is unchanged since it was read, outside the registered projects too, until a project is registered', async () => {
    const t = await databaseWithProject()
    const dir = tempDir()
    const elsewhere = path.join(tempDir(), 'elsewhere')
    fs.mkdirSync(elsewhere)
    const inside = path.join(dir, 'sess-1.jsonl')
    const outside = path.join(dir, 'sess-2.jsonl')
    fs.writeFileSync(inside, `${transcript(t.projectPath)}\n`)
    fs.writeFileSync(outside, `${transcript(elsewhere, 'sess-2').replaceAll('toolu_', 'toolu_other_').replaceAll('"uuid":"', '"uuid":"other-')}\n`)
    const first = await importTranscripts(t.sqlite, { roots: [dir] })
    expect(first).toMatchObject({ files: 2, invocationsAdded: 2 })
    // The lines of the folder not registered are counted, and the folder is named.
    const outsideLines = first.skipped['outside-registered-projects']!
    expect(outsideLines).toBeGreaterThan(0)
    expect(first.outsideFolders).toEqual([{ folder: elsewhere, lines: outsideLines }])
    expect(describeSkipped('outside-registered-projects', outsideLines)).toBe(`${outsideLines} lines belong to folders you have not registered`)
    expect(describeSkipped('no-cwd', 1)).toBe('1 line names no folder, so its project is unknown')

    const opened = vi.spyOn(fs, 'createReadStream')
    try {
      expect(await importTranscripts(t.sqlite, { roots: [dir] })).toMatchObject({ files: 2, bytes: 0, invocationsAdded: 0 })
      expect(opened).not.toHaveBeenCalled()
      // The folder becomes a project: its transcript is read again, once.
      addProjectRow(t.database, elsewhere)
      expect(await importTranscripts(t.sqlite, { roots: [dir] })).toMatchObject({ invocationsAdded: 2 })
      expect(opened.mock.calls.map((call) => call[0])).toEqual([outside])
    } finally {
      opened.mockRestore()
    }
  })
})
