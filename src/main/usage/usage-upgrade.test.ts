import fs from 'node:fs'
import path from 'node:path'
import { expect, it } from 'vitest'
import { importTranscripts } from '../imports/claude-code/transcript-importer'
import { migrations } from '../storage/migrations'
import { openDatabase } from '../storage/database'
import { tempDir } from '../test-support/temp-dir'
import { TranscriptLines } from '../test-support/transcript-lines'
import { UsageService } from './usage.service'

const BEFORE_USAGE = '2026-12-02-011-settled-event-files'

it('an upgraded database reads transcripts imported before once more, for their tokens, tool calls and files', async () => {
  expect(Object.keys(migrations)).toContain(BEFORE_USAGE)
  const file = path.join(tempDir(), 'db.sqlite')
  const project = fs.realpathSync(tempDir())
  const transcripts = tempDir()
  const lines = new TranscriptLines(project, 'old-1', Date.UTC(2026, 10, 20, 9)).prompt(0, 'lint').skill(1, 'toolu_s', 'lint').reply(3, 'Done.', { input: 100, output: 50 }).turnEnd(4)
  fs.writeFileSync(path.join(transcripts, 'old-1.jsonl'), `${lines}\n`)

  // Read to its end by the version before, which counted no tokens: its offset is saved at the file's end.
  const old = await openDatabase(file, { migrateTo: BEFORE_USAGE })
  const projectId = old.sqlite.prepare("insert into projects (path, name, registered_at, updated_at) values (?, 'p', 'now', 'now')").run(project).lastInsertRowid
  const transcript = path.join(transcripts, 'old-1.jsonl')
  const stat = fs.statSync(transcript)
  old.sqlite
    .prepare("insert into ingest_files (project_id, path, kind, offset, line, size, identity, updated_at) values (?, ?, 'transcript', ?, ?, ?, ?, 'now')")
    .run(projectId, transcript, stat.size, lines.toLines().length, stat.size, `${stat.dev}:${stat.ino}`)
  await old.close()

  const upgraded = await openDatabase(file)
  // The session is long over: its run settles, so the reading stops at the file's end.
  const later = () => Date.now() + 86_400_000
  try {
    await importTranscripts(upgraded.sqlite, { roots: [transcripts], now: later })
    expect(new UsageService(upgraded.sqlite, null).session('old-1')).toMatchObject({ inputTokens: 100, outputTokens: 50 })
    expect(upgraded.sqlite.prepare('select name, status from tool_calls').all()).toEqual([{ name: 'Skill', status: 'ok' }])
    expect(upgraded.sqlite.prepare('select count(*) from session_files').pluck().get()).toBe(1)
    expect(upgraded.sqlite.prepare('select count(*) from skill_invocations').pluck().get()).toBe(1)
    // Read once more, not again and again.
    const again = await importTranscripts(upgraded.sqlite, { roots: [transcripts], now: later })
    expect(again.bytes).toBe(0)
  } finally {
    await upgraded.close()
  }
})
