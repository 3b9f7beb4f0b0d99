import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import type { SessionBuddyEvent } from '../events/event-schema'
import { eventsForHook } from '../hooks/hook-payload'
import { importTranscripts } from '../imports/claude-code/transcript-importer'
import { claudeTranscript } from '../test-support/claude-transcript'
import { databaseWithProject } from '../test-support/project-db'
import { tempDir, writeFile } from '../test-support/temp-dir'
import { EventProjector } from './event-projector'

// The fixture transcript has `/session-checkpoint before release` at 09:00:30 in session sess-1.
const typedAt = (seconds: number) => new Date(Date.UTC(2026, 10, 20, 9, 0, seconds)).toISOString()

async function setUp() {
  const t = await databaseWithProject()
  writeFile(path.join(t.projectPath, '.claude', 'commands', 'session-checkpoint.md'), '---\ndescription: Mid-session checkpoint\n---\n')
  const transcript = path.join(tempDir(), 'sess-1.jsonl')
  fs.writeFileSync(transcript, `${claudeTranscript(t.projectPath)}\n`)
  /** What the UserPromptSubmit hook writes for the typed command, as the ingester applies it. */
  const hookSawCommand = (ts: string) => {
    const events = eventsForHook({ hook_event_name: 'UserPromptSubmit', session_id: 'sess-1', cwd: t.projectPath, prompt: '/session-checkpoint before release' }, t.projectPath, tempDir())
    new EventProjector(t.sqlite).applyBatch(events.map((e) => ({ ...e, v: 1, id: crypto.randomUUID(), ts }) as SessionBuddyEvent), t.project, 'event-log')
  }
  const checkpoints = () => t.sqlite.prepare("select source, status, started_at from skill_invocations where skill_name = 'session-checkpoint' order by started_at").all()
  return { t, transcript, hookSawCommand, checkpoints }
}

describe('a slash command seen by both the hook and a transcript', () => {
  it('is counted once, whichever source arrives first', async () => {
    const hookFirst = await setUp()
    hookFirst.hookSawCommand(typedAt(31))
    await importTranscripts(hookFirst.t.sqlite, { roots: [hookFirst.transcript] })
    expect(hookFirst.checkpoints()).toEqual([{ source: 'event-log', status: 'completed', started_at: typedAt(31) }])

    const transcriptFirst = await setUp()
    await importTranscripts(transcriptFirst.t.sqlite, { roots: [transcriptFirst.transcript] })
    transcriptFirst.hookSawCommand(typedAt(31))
    expect(transcriptFirst.checkpoints()).toEqual([{ source: 'transcript', status: 'completed', started_at: typedAt(30) }])
    // The Skill tool call only the transcript saw is still there.
    expect(transcriptFirst.t.sqlite.prepare('select count(*) from skill_invocations').pluck().get()).toBe(2)
  })

  it('still counts the same command typed again a minute later, and re-reading a source adds nothing', async () => {
    const { t, transcript, hookSawCommand, checkpoints } = await setUp()
    hookSawCommand(typedAt(31))
    hookSawCommand(typedAt(90))
    await importTranscripts(t.sqlite, { roots: [transcript] })
    t.sqlite.prepare('delete from ingest_files').run() // forget the offsets: read the transcript again from the start
    expect((await importTranscripts(t.sqlite, { roots: [transcript] })).bytes).toBe(fs.statSync(transcript).size)
    // The transcript's outcome lands on the hook's copy it twins; the later command only the hook saw runs on.
    expect(checkpoints()).toEqual([
      { source: 'event-log', status: 'completed', started_at: typedAt(31) },
      { source: 'event-log', status: 'running', started_at: typedAt(90) },
    ])
  })
})
