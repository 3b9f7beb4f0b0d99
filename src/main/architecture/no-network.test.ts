import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { packageRoot } from '../system/package-root'
import { claudeTranscript } from '../test-support/claude-transcript'
import { runCli } from '../test-support/run-cli'
import { tempDir, writeFile } from '../test-support/temp-dir'

const GUARD = path.join(packageRoot(), 'src', 'main', 'test-support', 'network-guard.cjs')


describe('no network', () => {
  it('the guard notices and stops a connection to another host', () => {
    const log = path.join(tempDir(), 'network.log')
    const script = "require('node:https').get('https://example.com/').on('error', () => {})"
    execFileSync(process.execPath, ['-e', script], { env: { ...process.env, NODE_OPTIONS: `--require ${GUARD}`, SESSION_BUDDY_NETWORK_LOG: log } })
    expect(fs.readFileSync(log, 'utf8')).toMatch(/(dns|tcp) example\.com/)
  })

  it('imports, ingest, search (embeddings in a worker) and insights reports open no socket beyond this machine', async () => {
    const root = tempDir()
    const log = path.join(root, 'network.log')
    const dataDir = path.join(root, 'data')
    const project = path.join(root, 'project')
    const claudeConfig = path.join(root, 'claude')
    writeFile(path.join(project, 'package.json'), '{}')
    writeFile(path.join(claudeConfig, 'projects', 'p', 'sess-1.jsonl'), `${claudeTranscript(project)}\n`)
    writeFile(path.join(claudeConfig, 'skills', 'debugging', 'SKILL.md'), '---\nname: debugging\ndescription: Use when a test fails\n---\n')
    const env = { NODE_OPTIONS: `--require ${GUARD}`, SESSION_BUDDY_NETWORK_LOG: log, CLAUDE_CONFIG_DIR: claudeConfig }
    const steps = [
      ['projects', 'add', project, '--store-prompts'],
      ['import', 'claude-code'],
      ['emit', 'skill.invoked', '--project', project, '--session', 's2', '--skill', 'debugging', '--invocation', 'i1'],
      ['emit', 'skill.completed', '--project', project, '--session', 's2', '--skill', 'debugging', '--invocation', 'i1'],
      ['ingest'],
      ['find', 'my test fails', '--json'],
      ['report', 'insights', '--format', 'html', '--out', path.join(root, 'insights.html'), '--include-prompts'],
      ['report', 'insights', '--format', 'json'],
    ]
    for (const args of steps) {
      const result = await runCli(['--data-dir', dataDir, ...args], { env })
      expect(result.code, `${args.join(' ')}: ${result.stderr}`).toBe(0)
    }
    const found = JSON.parse((await runCli(['--data-dir', dataDir, 'find', 'my test fails', '--json'], { env })).stdout)
    expect(found.mode).toBe('hybrid')
    expect(fs.readFileSync(path.join(root, 'insights.html'), 'utf8')).toContain('crackerjack-run')
    expect(fs.existsSync(log) ? fs.readFileSync(log, 'utf8') : '').toBe('')
  }, 120_000)
})
