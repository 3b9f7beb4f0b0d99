import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { claudeTranscript } from '../test-support/claude-transcript'
import { tempDir } from '../test-support/temp-dir'
import { completeFolder } from './complete-folder'
import { detectProjectFolders } from './detect-project-folders'

describe('first run', () => {
  it('lists the folders transcripts name, with their sessions and last activity, newest first; sub-agent files are not sessions', () => {
    const home = fs.realpathSync(tempDir())
    const root = path.join(home, '.claude', 'projects')
    const api = path.join(home, 'code', 'api')
    const gone = path.join(home, 'code', 'gone')
    fs.mkdirSync(api, { recursive: true })
    const write = (folder: string, session: string, mtime: Date) => {
      const dir = path.join(root, folder.replaceAll(path.sep, '-'))
      fs.mkdirSync(path.join(dir, session, 'subagents'), { recursive: true })
      fs.writeFileSync(path.join(dir, `${session}.jsonl`), `${claudeTranscript(folder, session)}\n`)
      fs.writeFileSync(path.join(dir, session, 'subagents', 'agent-1.jsonl'), `${claudeTranscript(folder, session)}\n`)
      fs.utimesSync(path.join(dir, `${session}.jsonl`), mtime, mtime)
    }
    write(api, 's1', new Date('2026-11-01T10:00:00Z'))
    write(api, 's2', new Date('2026-11-20T10:00:00Z'))
    write(gone, 's3', new Date('2026-11-10T10:00:00Z'))
    // Not transcripts, or no cwd in the first 64 KB: passed over.
    fs.writeFileSync(path.join(root, 'notes.txt'), 'x')
    fs.writeFileSync(path.join(root, api.replaceAll(path.sep, '-'), 'broken.jsonl'), '{"type":"user"\n')

    expect(detectProjectFolders([root, path.join(home, 'missing')])).toEqual([
      { path: api, sessions: 2, lastActivity: '2026-11-20T10:00:00.000Z', exists: true },
      { path: gone, sessions: 1, lastActivity: '2026-11-10T10:00:00.000Z', exists: false },
    ])
  })

  it('completes folder paths under the home folder only, hidden ones only when asked', () => {
    const home = fs.realpathSync(tempDir())
    for (const dir of ['code/api', 'code/web', 'code/.cache', 'Code Samples']) fs.mkdirSync(path.join(home, dir), { recursive: true })
    fs.writeFileSync(path.join(home, 'code', 'wiki.md'), '')
    expect(completeFolder(path.join(home, 'code', 'w'), home)).toEqual([path.join(home, 'code', 'web')])
    expect(completeFolder(`${path.join(home, 'code')}${path.sep}`, home)).toEqual([path.join(home, 'code', 'api'), path.join(home, 'code', 'web')])
    expect(completeFolder(path.join(home, 'code', '.c'), home)).toEqual([path.join(home, 'code', '.cache')])
    expect(completeFolder('~/co', home)).toEqual([path.join(home, 'code'), path.join(home, 'Code Samples')])
    expect(completeFolder('/etc/', home)).toEqual([])
    expect(completeFolder(path.join(home, '..', 'x'), home)).toEqual([])
    expect(completeFolder('relative/path', home)).toEqual([])
  })
})
