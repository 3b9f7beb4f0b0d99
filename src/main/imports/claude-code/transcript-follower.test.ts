import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { ChangeBus } from '../../api/change-bus'
import { databaseWithProject } from '../../test-support/project-db'
import { tempDir } from '../../test-support/temp-dir'
import { TranscriptLines } from '../../test-support/transcript-lines'
import { TranscriptFollower, transcriptFolderPrefix } from './transcript-follower'

const followers: TranscriptFollower[] = []
afterEach(async () => {
  for (const f of followers.splice(0)) await f.stop()
})

async function until<T>(read: () => T, ok: (value: T) => boolean, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = read()
    if (ok(value) || Date.now() > deadline) return value
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

describe('following Claude Code transcripts live', () => {
  it('encodes a project folder the way Claude Code names its transcript folder', () => {
    expect(transcriptFolderPrefix('/home/dev/my.app')).toBe('-home-dev-my-app')
    expect(transcriptFolderPrefix('/Users/chip/dev/ai-music')).toBe('-Users-chip-dev-ai-music')
  })

  it('shows a registered project’s session as it happens, reads each line once, and skips other projects’ folders', async () => {
    const t = await databaseWithProject()
    const root = path.join(tempDir(), 'projects')
    const folder = path.join(root, transcriptFolderPrefix(t.projectPath))
    const elsewhere = path.join(root, '-somewhere-else')
    fs.mkdirSync(folder, { recursive: true })
    fs.mkdirSync(elsewhere, { recursive: true })
    const changes = new ChangeBus()
    const published: string[][] = []
    changes.subscribe((e) => published.push(e.topics))
    const follower = new TranscriptFollower(t.sqlite, changes, [root])
    followers.push(follower)
    await follower.start()

    const file = path.join(folder, 'sess-live.jsonl')
    const lines = new TranscriptLines(t.projectPath, 'sess-live')
      .prompt(0, 'make the tests pass')
      .skill(2, 'toolu_live', 'crackerjack-run')
      .bash(4, 'toolu_b', 'npm test', true)
      .text(8, 'All green.')
      .turnEnd(8)
      .prompt(20, 'thanks!')
      .toLines()
    fs.writeFileSync(path.join(elsewhere, 'other.jsonl'), `${new TranscriptLines('/somewhere/else', 'sess-other').prompt(0, 'hi').toString()}\n`)
    fs.appendFileSync(file, `${lines.slice(0, 3).join('\n')}\n`)
    const status = () => t.sqlite.prepare("select status from skill_invocations where source_ref = 'inv:toolu_live'").pluck().get() as string | undefined
    expect(await until(status, (s) => s === 'running')).toBe('running')
    expect(published.some((topics) => topics.includes('sessions'))).toBe(true)

    fs.appendFileSync(file, `${lines.slice(3).join('\n')}\n`)
    expect(await until(status, (s) => s === 'completed')).toBe('completed')
    expect(t.sqlite.prepare('select count(*) from skill_invocations').pluck().get()).toBe(1)
    expect(t.sqlite.prepare('select count(*) from prompts').pluck().get()).toBe(2)
    // The other folder matched no registered project: never read.
    expect(t.sqlite.prepare('select path from ingest_files').pluck().all()).toEqual([file])
  })

  it('catches up on start with what was written while it was not running', async () => {
    const t = await databaseWithProject()
    const root = path.join(tempDir(), 'projects')
    const folder = path.join(root, transcriptFolderPrefix(t.projectPath))
    fs.mkdirSync(folder, { recursive: true })
    fs.writeFileSync(path.join(folder, 'sess-old.jsonl'), `${new TranscriptLines(t.projectPath, 'sess-old').prompt(0, 'hello').skill(1, 'toolu_old', 'docs').toString()}\n`)
    const follower = new TranscriptFollower(t.sqlite, new ChangeBus(), [root])
    followers.push(follower)
    await follower.start()
    expect(t.sqlite.prepare('select skill_name from skill_invocations').pluck().all()).toEqual(['docs'])
  })
})
