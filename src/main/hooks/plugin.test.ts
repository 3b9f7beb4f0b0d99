import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { parseSkillFile } from '../catalogue/skill-file-parser'
import { lintSkills } from '../coverage/skill-lint'
import { toSearchable } from '../search/searchable-skill'
import { SkillSearch } from '../search/skill-search'
import { listFilesDeep } from '../system/files'
import { packageRoot, packageVersion } from '../system/package-root'
import { corpusPath, SHARED_AVAILABLE } from '../test-support/shared-corpus'
import { apiCaller, testContext } from '../test-support/app-context'
import { tempDir } from '../test-support/temp-dir'
import type { OnboardingView } from '../../shared/api/projects'
import { HOOKED_EVENTS } from './claude-settings'
import { REGISTERED_FOLDERS_FILE, SEEN_FOLDERS_FILE } from './plugin-consent'
import { pluginFiles, README_HOOKS_END, README_HOOKS_START, readmeHookList } from './plugin-definition'

const root = packageRoot()
const plugin = path.join(root, 'plugin')
const read = (file: string) => JSON.parse(fs.readFileSync(path.join(root, file), 'utf8')) as unknown

// The shapes Claude Code's plugin docs give for each file (required fields, and the ones we use).
const kebab = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/)
const semver = z.string().regex(/^\d+\.\d+\.\d+(-[\w.]+)?$/)
const pluginManifest = z.object({ name: kebab, version: semver, description: z.string().min(1), author: z.object({ name: z.string().min(1) }).loose(), license: z.string().optional(), keywords: z.array(z.string()).optional() }).strict()
const marketplace = z.object({ name: kebab, owner: z.object({ name: z.string().min(1) }).loose(), plugins: z.array(z.object({ name: kebab, source: z.string().startsWith('./'), description: z.string(), version: semver }).loose()).min(1) }).strict()
const hookEvent = z.enum(['PreToolUse', 'PostToolUse', 'Notification', 'UserPromptSubmit', 'Stop', 'SubagentStop', 'SessionStart', 'SessionEnd', 'PreCompact'])
const hooksFile = z
  .object({
    description: z.string().optional(),
    hooks: z.partialRecord(hookEvent, z.array(z.object({ matcher: z.string().optional(), hooks: z.array(z.object({ type: z.literal('command'), command: z.string().min(1), timeout: z.number().positive().optional() }).strict()).min(1) }).strict())),
  })
  .strict()
const mcpFile = z.object({ mcpServers: z.record(z.string(), z.object({ command: z.string().min(1), args: z.array(z.string()).optional(), env: z.record(z.string(), z.string()).optional() }).strict()) }).strict()

describe('the Claude Code plugin', () => {
  it('is what npm run plugin:generate writes from the hook list and the package version (no drift)', () => {
    for (const [file, text] of Object.entries(pluginFiles(packageVersion()))) expect(fs.readFileSync(path.join(root, file), 'utf8'), `${file}: run npm run plugin:generate`).toBe(text)
    const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8')
    expect(readme.slice(readme.indexOf(README_HOOKS_START) + README_HOOKS_START.length, readme.indexOf(README_HOOKS_END)).trim()).toBe(readmeHookList())
    expect(fs.statSync(path.join(plugin, 'bin', 'session-buddy-run')).mode & 0o111).not.toBe(0)
  })

  it('has a manifest, marketplace, hooks and MCP config of the documented shapes, all at the package version', () => {
    const manifest = pluginManifest.parse(read('plugin/.claude-plugin/plugin.json'))
    const listing = marketplace.parse(read('.claude-plugin/marketplace.json'))
    const hooks = hooksFile.parse(read('plugin/hooks/hooks.json'))
    mcpFile.parse(read('plugin/.mcp.json'))
    expect([manifest.version, listing.plugins[0]!.version]).toEqual([packageVersion(), packageVersion()])
    expect(path.resolve(root, listing.plugins[0]!.source)).toBe(plugin)
    // The same events and matchers as `hooks install` writes.
    expect(Object.entries(hooks.hooks).flatMap(([event, groups]) => groups.map((g) => ({ event, ...(g.matcher ? { matcher: g.matcher } : {}) })))).toEqual(HOOKED_EVENTS)
  })

  it('ships skills and commands the catalogue reads cleanly, and our search ranks find-skill first for "which skill should I use"', () => {
    const files = listFilesDeep(plugin, (name) => name.endsWith('.md'))
    const parsed = files.map((file) => ({ path: file, kind: file.includes(`${path.sep}commands${path.sep}`) ? ('command' as const) : ('skill' as const), text: fs.readFileSync(file, 'utf8') }))
    const inputs = parsed.map((p) => ({ ...p, parsed: parseSkillFile(p.path, p.text) }))
    expect(lintSkills(inputs)).toEqual([])
    expect(inputs.map((i) => i.parsed.name).sort()).toEqual(['find-skill', 'insights'])
    const own = inputs.map((i) => toSearchable(i.path, i.parsed))
    // Among the corpus's 110 skills when present (it has a "find-skills" of its own), else beside the plugin's command.
    const corpus = SHARED_AVAILABLE ? listFilesDeep(corpusPath('skills'), (n) => n.endsWith('.md')).map((f) => toSearchable(f, parseSkillFile(f, fs.readFileSync(f, 'utf8')))) : []
    const search = new SkillSearch([...own, ...corpus])
    for (const request of ['which skill should I use', 'which skill should I use for this task?']) expect(search.find(request)[0]!.name).toBe('find-skill')
  })

  it('runs each hook as Claude Code would: events in a registered folder; in another, nothing but one line on how to register it', () => {
    const { command } = (read('plugin/hooks/hooks.json') as z.infer<typeof hooksFile>).hooks.UserPromptSubmit![0]!.hooks[0]!
    // session-buddy installed on PATH, as after `npm i -g session-buddy`.
    const binDir = tempDir()
    fs.symlinkSync(path.join(root, 'bin', 'session-buddy.js'), path.join(binDir, 'session-buddy'))
    const dataDir = tempDir()
    const registered = fs.realpathSync(tempDir())
    const other = fs.realpathSync(tempDir())
    fs.writeFileSync(path.join(dataDir, REGISTERED_FOLDERS_FILE), JSON.stringify([registered]))
    const runHook = (folder: string, event: string, extra: Record<string, unknown>) => {
      const env = { ...process.env, PATH: `${binDir}${path.delimiter}${process.env.PATH}`, CLAUDE_PLUGIN_ROOT: plugin, CLAUDE_PROJECT_DIR: folder, SESSION_BUDDY_HOME: dataDir }
      const result = spawnSync('sh', ['-c', command], { cwd: folder, env, input: JSON.stringify({ session_id: 'plugin-1', transcript_path: '/tmp/t.jsonl', cwd: folder, hook_event_name: event, ...extra }), encoding: 'utf8' })
      expect({ status: result.status, stdout: result.stdout }).toEqual({ status: 0, stdout: '' })
    }
    for (const folder of [registered, other]) {
      runHook(folder, 'SessionStart', { source: 'startup' })
      runHook(folder, 'UserPromptSubmit', { prompt: 'write the release notes' })
      runHook(folder, 'PreToolUse', { tool_name: 'Skill', tool_use_id: 'toolu_1', tool_input: { skill: 'release-notes' } })
    }
    const events = (folder: string) => {
      const dir = path.join(folder, '.session-buddy', 'events')
      if (!fs.existsSync(dir)) return []
      return fs.readdirSync(dir).flatMap((f) => fs.readFileSync(path.join(dir, f), 'utf8').trim().split('\n').map((line) => (JSON.parse(line) as { type: string }).type))
    }
    expect(events(registered)).toEqual(['session.started', 'prompt.submitted', 'skill.invoked'])
    // Where `hooks install` put the project's own hooks, the plugin's stay quiet: each event is recorded once.
    fs.mkdirSync(path.join(registered, '.claude'))
    fs.writeFileSync(path.join(registered, '.claude', 'settings.json'), JSON.stringify({ hooks: { UserPromptSubmit: [{ hooks: [{ type: 'command', command: '"/usr/bin/node" "/opt/session-buddy/bin/session-buddy.js" hook' }] }] } }))
    runHook(registered, 'UserPromptSubmit', { prompt: 'again' })
    expect(events(registered)).toHaveLength(3)
    expect(events(other)).toEqual([])
    const log = fs.readFileSync(path.join(other, '.session-buddy', 'hook-errors.log'), 'utf8').trim().split('\n')
    expect(log).toHaveLength(1)
    expect(log[0]).toContain(`session-buddy projects add "${other}"`)
    const seen = fs.readFileSync(path.join(dataDir, SEEN_FOLDERS_FILE), 'utf8').trim().split('\n').map((line) => (JSON.parse(line) as { path: string }).path)
    expect(seen).toEqual([other])
  })

  it('lists a folder the plugin saw on the first-run screen as seen, not registered, and shares the tracked folders for the hook', async () => {
    const context = await testContext()
    const call = apiCaller(context)
    const seenFolder = fs.realpathSync(tempDir())
    fs.writeFileSync(path.join(context.dataDir, SEEN_FOLDERS_FILE), `${JSON.stringify({ path: seenFolder, seenAt: '2026-12-02T09:00:00.000Z' })}\n`)
    const before = await call<OnboardingView>('onboarding-detect', {})
    expect(before.folders.find((f) => f.path === seenFolder)).toMatchObject({ seenByPlugin: true, registered: false, exists: true, sessions: 0 })
    await call('projects-add', { path: seenFolder })
    expect(JSON.parse(fs.readFileSync(path.join(context.dataDir, REGISTERED_FOLDERS_FILE), 'utf8'))).toEqual([seenFolder])
    expect((await call<OnboardingView>('onboarding-detect', {})).folders.find((f) => f.path === seenFolder)).toMatchObject({ registered: true })
  })
})
