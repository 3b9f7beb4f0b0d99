import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import BetterSqlite3 from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { renderEventFormatDoc } from '../events/event-format-doc'
import { databasePath } from '../storage/data-dir'
import { CLI_BIN, runCli } from '../test-support/run-cli'
import { tempDir } from '../test-support/temp-dir'

describe('the shell workflow example in docs/event-format.md', () => {
  it('runs as written and records a failed run with one completed and one failed node', async () => {
    const doc = renderEventFormatDoc()
    const script = doc.split('```sh\n#!/usr/bin/env bash\n')[1]!.split('\n```')[0]!
    // The example's own steps, swapped for one that passes and one that fails.
    const runnable = script.replace('step lint npm run lint', 'step lint true').replace('step test npm test', 'step test false')
    expect(runnable).not.toBe(script)

    const data = tempDir()
    const project = path.join(tempDir(), 'proj')
    fs.mkdirSync(project)
    await runCli(['--data-dir', data, 'projects', 'add', project])
    const bin = tempDir()
    fs.writeFileSync(path.join(bin, 'session-buddy'), `#!/bin/sh\nexec "${process.execPath}" "${CLI_BIN}" "$@"\n`, { mode: 0o755 })
    const result = spawnSync('bash', ['-c', runnable], {
      cwd: project,
      env: { ...process.env, PATH: `${bin}:${process.env.PATH}`, SESSION_BUDDY_SESSION_ID: 'shell-1' },
      encoding: 'utf8',
    })
    expect(result.status, result.stderr).toBe(0)
    expect((await runCli(['--data-dir', data, 'ingest'])).code).toBe(0)
    const db = new BetterSqlite3(databasePath(data), { readonly: true })
    try {
      expect(db.prepare('select session_id, workflow_id, name, status from workflow_runs').get()).toEqual({ session_id: 'shell-1', workflow_id: 'ci', name: 'CI', status: 'failed' })
      expect(db.prepare('select node_id, status, error from workflow_nodes order by node_id').all()).toEqual([
        { node_id: 'lint', status: 'completed', error: null },
        { node_id: 'test', status: 'failed', error: 'exit code 1' },
      ])
    } finally {
      db.close()
    }
  })
})
