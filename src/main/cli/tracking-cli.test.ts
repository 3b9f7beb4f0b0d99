import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { runCli } from '../test-support/run-cli'
import { tempDir } from '../test-support/temp-dir'

async function registeredProject() {
  const data = tempDir()
  const project = path.join(tempDir(), 'shop')
  fs.mkdirSync(project)
  fs.writeFileSync(path.join(project, 'pyproject.toml'), '')
  expect((await runCli(['--data-dir', data, 'projects', 'add', project])).code).toBe(0)
  return { data, project }
}

describe('tracking commands', () => {
  it('emit appends events that skills and sessions then report', async () => {
    const { data, project } = await registeredProject()
    const emit = (...args: string[]) => runCli(['emit', ...args, '--session', 'cli-session'], { cwd: project })
    expect((await emit('session-started', '--model', 'claude-opus-4-6')).code).toBe(0)
    const invoked = await emit('skill.invoked', '--skill', 'crackerjack-run', '--invocation', 'i1', '--workflow-path', 'quick')
    expect(invoked.stdout.trim()).toMatch(/^[0-9a-f-]{36}$/)
    expect((await emit('skill-completed', '--skill', 'crackerjack-run', '--invocation', 'i1', '--duration-ms', '2500', '--follow-up', 'git commit', 'git push')).code).toBe(0)

    const skills = await runCli(['--data-dir', data, 'skills', '--json'])
    expect(JSON.parse(skills.stdout)).toMatchObject({
      scope: { kind: 'all' },
      skills: [
        { skill: 'crackerjack-run', invocations: 1, completed: 1, p50DurationMs: 2500, followUpActions: [{ value: 'git commit', count: 1 }, { value: 'git push', count: 1 }], workflowPaths: [{ value: 'quick', count: 1 }] },
      ],
    })
    const table = await runCli(['--data-dir', data, 'skills', '--project', project])
    expect(table.stdout).toMatch(/^Scope: project \S+ · all time\./)
    expect(table.stdout).toMatch(/crackerjack-run\s+1\s+1\s+0\s+0\s+0\s+100%\s+2\.5 s/)
    const sessions = await runCli(['--data-dir', data, 'sessions', '--json'])
    expect(JSON.parse(sessions.stdout)).toMatchObject([{ id: 'cli-session', model: 'claude-opus-4-6', invocations: [{ skill: 'crackerjack-run', status: 'completed', durationMs: 2500 }] }])
  })

  it('emit refuses a bad event with a one-line reason naming the field', async () => {
    const { project } = await registeredProject()
    const cases: Array<[string[], RegExp]> = [
      [['emit', 'skill.exploded', '--session', 's'], /^session-buddy: Unknown event type "skill.exploded"/],
      [['emit', 'skill.invoked', '--session', 's', '--invocation', 'i'], /^session-buddy: Invalid skill.invoked event: skill: /],
      [['emit', 'skill.completed', '--session', 's', '--skill', 'x', '--invocation', 'i', '--duration-ms', 'soon'], /^session-buddy: Invalid skill.completed event: duration_ms: /],
      [['emit', 'workflow-started', '--session', 's', '--run', 'r', '--workflow', 'w', '--name', 'n', '--metadata', '[1]'], /^session-buddy: --metadata must be a JSON object/],
      [['emit', 'session.ended'], /^session-buddy: No session id/],
    ]
    for (const [args, expected] of cases) {
      const result = await runCli(args, { cwd: project, env: { SESSION_BUDDY_SESSION_ID: '', CLAUDE_SESSION_ID: '' } })
      expect(result.code, args.join(' ')).toBe(1)
      expect(result.stderr, args.join(' ')).toMatch(expected)
    }
    expect(fs.existsSync(path.join(project, '.session-buddy', 'events'))).toBe(false)
  })

  it('import legacy prints its report, and --json gives it as data', async () => {
    const { data, project } = await registeredProject()
    fs.mkdirSync(path.join(project, '.session-buddy'))
    fs.writeFileSync(
      path.join(project, '.session-buddy', 'skill_metrics.json'),
      JSON.stringify({ invocations: [{ skill_name: 'crackerjack-run', invoked_at: '2026-01-10T09:00:00', workflow_path: null, completed: true, duration_seconds: 2, follow_up_actions: [], error_type: null }], skills: { 'crackerjack-run': { total_invocations: 2, completed_invocations: 1 } } }),
    )
    const dry = await runCli(['--data-dir', data, 'import', 'legacy', '--dry-run'])
    expect(dry.stdout).toMatch(/^Dry run: would import 1 new skill invocations/)
    expect(dry.stdout).toContain('crackerjack-run.total_invocations: summary 2, recomputed 1')
    const real = await runCli(['--data-dir', data, 'import', 'legacy', '--project', project, '--json'])
    expect(JSON.parse(real.stdout)).toMatchObject({ source: 'legacy', invocationsAdded: 1, validation: [{ differences: [{ skill: 'crackerjack-run', field: 'total_invocations' }] }] })
    const unknown = await runCli(['--data-dir', data, 'import', 'everything'])
    expect(unknown.stderr).toMatch(/^session-buddy: the source must be claude-code or legacy, not "/)
  })
})

describe('report session', () => {
  it('prints the Markdown report, writes JSON to a file, and names a missing session', async () => {
    const { data, project } = await registeredProject()
    const emit = (...args: string[]) => runCli(['emit', ...args, '--session', 'rep-1'], { cwd: project })
    await emit('skill.invoked', '--skill', 'crackerjack-run', '--invocation', 'i1')
    await emit('skill.completed', '--skill', 'crackerjack-run', '--invocation', 'i1')
    await emit('workflow.started', '--run', 'r1', '--workflow', 'ci', '--name', 'CI')
    await emit('workflow.completed', '--run', 'r1')
    const md = await runCli(['--data-dir', data, 'report', 'session', 'rep-1'])
    expect(md.code, md.stderr).toBe(0)
    expect(md.stdout).toMatch(/^# Session rep-1\n/)
    expect(md.stdout).toContain('**Pattern: automated**')
    const out = path.join(project, 'report.json')
    const json = await runCli(['--data-dir', data, 'report', 'session', 'rep-1', '--format', 'json', '--out', out])
    expect(json.code, json.stderr).toBe(0)
    expect(JSON.parse(fs.readFileSync(out, 'utf8'))).toMatchObject({ session: { id: 'rep-1' }, correlation: { pattern: 'automated', workflowRuns: 1 } })
    const missing = await runCli(['--data-dir', data, 'report', 'session', 'nope'])
    expect(missing.code).toBe(1)
    expect(missing.stderr).toBe('session-buddy: No session nope: it may belong to a removed project\n')
  })
})
