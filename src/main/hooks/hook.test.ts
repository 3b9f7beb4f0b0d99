import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { runCli } from '../test-support/run-cli'
import { readProjectEvents } from '../test-support/project-events'
import { tempDir } from '../test-support/temp-dir'

/** Payloads shaped as Claude Code documents them: every one has session_id, transcript_path, cwd, permission_mode, hook_event_name. */
function payload(cwd: string, hookEventName: string, extra: Record<string, unknown> = {}) {
  return JSON.stringify({ session_id: 'sess-9', transcript_path: '/home/u/.claude/projects/x/sess-9.jsonl', cwd, permission_mode: 'default', hook_event_name: hookEventName, ...extra })
}


async function hook(project: string, body: string) {
  const result = await runCli(['hook'], { input: body, cwd: project, env: { CLAUDE_PROJECT_DIR: '' } })
  expect(result.code).toBe(0)
  expect(result.stdout).toBe('')
  return result
}

describe('session-buddy hook', () => {
  it('records SessionStart, UserPromptSubmit, the Skill tool calls and SessionEnd', async () => {
    const project = tempDir()
    await hook(project, payload(project, 'SessionStart', { source: 'startup', model: 'claude-opus-4-6' }))
    await hook(project, payload(project, 'UserPromptSubmit', { prompt: 'I need to fix type errors' }))
    const tool = { tool_name: 'Skill', tool_input: { skill: 'crackerjack-run', args: '--quick' }, tool_use_id: 'toolu_9' }
    await hook(project, payload(project, 'PreToolUse', tool))
    await hook(project, payload(project, 'PostToolUse', { ...tool, tool_response: { success: true, commandName: 'crackerjack-run' } }))
    await hook(project, payload(project, 'PreToolUse', { ...tool, tool_use_id: 'toolu_10' }))
    await hook(project, payload(project, 'PostToolUse', { ...tool, tool_use_id: 'toolu_10', tool_response: 'Error: skill not found' }))
    await hook(project, payload(project, 'PreToolUse', { tool_name: 'Bash', tool_input: { command: 'ls' }, tool_use_id: 'toolu_11' }))
    await hook(project, payload(project, 'SessionEnd', { reason: 'logout' }))

    const events = readProjectEvents(project)
    // A successful Skill result only says the file loaded, so it records nothing: the run goes on until its
    // turn ends (the transcript says how it went). The skill tool's own error is a failure at once.
    expect(events.map((e) => e.type)).toEqual(['session.started', 'prompt.submitted', 'skill.invoked', 'skill.invoked', 'skill.outcome_inferred', 'session.ended'])
    expect(events[0]).toMatchObject({ session_id: 'sess-9', source: 'startup', model: 'claude-opus-4-6' })
    expect(events[1]).toMatchObject({ prompt: 'I need to fix type errors' })
    expect(events[2]).toMatchObject({ invocation_id: 'toolu_9', skill: 'crackerjack-run', args: '--quick' })
    expect(events[4]).toMatchObject({ invocation_id: 'toolu_10', outcome: 'failed', error_type: 'skill_tool_error', evidence: { skillToolError: true } })
    expect(events[5]).toMatchObject({ reason: 'logout' })
  })

  it('counts a slash-command prompt as a skill only when a skill or command of that name exists', async () => {
    const project = tempDir()
    fs.mkdirSync(path.join(project, '.claude', 'commands'), { recursive: true })
    fs.writeFileSync(path.join(project, '.claude', 'commands', 'deploy-check.md'), '---\ndescription: Check a deploy\n---\nRun the checks.')
    await hook(project, payload(project, 'UserPromptSubmit', { prompt: '/deploy-check staging' }))
    await hook(project, payload(project, 'UserPromptSubmit', { prompt: '/compact' }))
    await hook(project, payload(project, 'UserPromptSubmit', { prompt: '/no-such-skill' }))
    const skills = readProjectEvents(project).filter((e) => e.type === 'skill.invoked')
    expect(skills).toMatchObject([{ skill: 'deploy-check', user_query: 'staging' }])
  })

  it('never disturbs the assistant: bad input exits 0, prints nothing and is logged', async () => {
    const project = tempDir()
    await hook(project, '{ not json')
    await hook(project, payload(project, 'PreToolUse', { tool_name: 'Skill', tool_input: {} }))
    const log = fs.readFileSync(path.join(project, '.session-buddy', 'hook-errors.log'), 'utf8').trim().split('\n')
    expect(log).toHaveLength(2)
    expect(log[0]).toMatch(/JSON/)
    expect(log[1]).toMatch(/PreToolUse for Skill without tool_input.skill or tool_use_id/)
    expect(readProjectEvents(project)).toEqual([])
  })
})

describe('session-buddy hooks install / uninstall', () => {
  it('merges its entries idempotently, keeps a backup, and removes only its own', async () => {
    const project = tempDir()
    const file = path.join(project, '.claude', 'settings.json')
    fs.mkdirSync(path.dirname(file))
    const theirs = { permissions: { allow: ['Bash(npm test)'] }, hooks: { PreToolUse: [{ matcher: 'Bash', hooks: [{ type: 'command', command: 'audit-bash' }] }] } }
    fs.writeFileSync(file, JSON.stringify(theirs, null, 2))

    const dry = await runCli(['hooks', 'install', project, '--dry-run'])
    expect(JSON.parse(dry.stdout).hooks.SessionStart).toHaveLength(1)
    expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toEqual(theirs)

    const install = await runCli(['hooks', 'install', project])
    expect(install.code, install.stderr).toBe(0)
    expect(JSON.parse(fs.readFileSync(`${file}.session-buddy-backup`, 'utf8'))).toEqual(theirs)
    const installed = JSON.parse(fs.readFileSync(file, 'utf8'))
    expect(installed.permissions).toEqual(theirs.permissions)
    expect(Object.keys(installed.hooks).sort()).toEqual(['PostToolUse', 'PreToolUse', 'SessionEnd', 'SessionStart', 'UserPromptSubmit'])
    expect(installed.hooks.PreToolUse).toEqual([theirs.hooks.PreToolUse[0], { matcher: 'Skill', hooks: [{ type: 'command', command: expect.stringMatching(/session-buddy\.js" hook$/), timeout: 10 }] }])

    const again = await runCli(['hooks', 'install', project])
    expect(again.stdout).toMatch(/^Nothing to do/)
    expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toEqual(installed)

    // The installed command really runs the hook.
    const command = installed.hooks.SessionStart[0].hooks[0].command as string
    expect(command).toContain(process.execPath)

    await runCli(['hooks', 'uninstall', project])
    expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toEqual(theirs)
  })

  it('refuses a settings file it cannot read, naming the file and line, and changes nothing', async () => {
    const project = tempDir()
    const file = path.join(project, '.claude', 'settings.json')
    fs.mkdirSync(path.dirname(file))
    fs.writeFileSync(file, '{\n  "hooks": {,\n}')
    const result = await runCli(['hooks', 'install', project])
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(new RegExp(`^session-buddy: ${file}:2:13: cannot read it \\(Expected property name`))
    expect(fs.readFileSync(file, 'utf8')).toBe('{\n  "hooks": {,\n}')
  })
})
