import fs from 'node:fs'
import path from 'node:path'
import { jsonErrorLocation, jsonErrorReason } from '../system/json-error-location'

/** The hook events Session Buddy listens to, and the tool matcher for each. */
export const HOOKED_EVENTS: Array<{ event: string; matcher?: string }> = [
  { event: 'SessionStart' },
  { event: 'SessionEnd' },
  { event: 'UserPromptSubmit' },
  { event: 'PreToolUse', matcher: 'Skill' },
  { event: 'PostToolUse', matcher: 'Skill' },
]

interface HookCommand {
  type: string
  command?: string
  timeout?: number
}
interface MatcherGroup {
  matcher?: string
  hooks?: HookCommand[]
}
type Settings = Record<string, unknown> & { hooks?: Record<string, MatcherGroup[]> }

/** Our entries are recognised by their command, so uninstall never touches anyone else's hooks. */
export const isSessionBuddyCommand = (command: string | undefined) => !!command && /session-buddy(\.js)?["']?\s+hook\s*$/.test(command)

/** Every event we listen to has our entry. */
export function hooksInstalled(settings: Settings): boolean {
  return HOOKED_EVENTS.every(({ event, matcher }) =>
    settings.hooks?.[event]?.some((g) => (g.matcher ?? '') === (matcher ?? '') && g.hooks?.some((h) => isSessionBuddyCommand(h.command))),
  )
}

/**
 * The command the hooks run: this installation's bin by absolute path, with the runtime that runs us.
 * Inside Electron that runtime is the app's binary, which runs scripts as Node only when told to.
 */
export function defaultHookCommand(binFile: string): string {
  // In the installed desktop app, Electron's RunAsNode fuse is off (it cannot run scripts as Node) and the
  // bin lies in app.asar, which only Electron reads: the hook runs the copy of the hook bundle the installer
  // puts beside it (electron-builder.yml extraResources "hook/") with Node from PATH.
  const asar = `${path.sep}app.asar${path.sep}`
  if (binFile.includes(asar)) return `node "${path.join(binFile.slice(0, binFile.indexOf(asar)), 'hook', 'bin', 'session-buddy.js')}" hook`
  const runtime = `"${process.execPath}"`
  const asNode = process.versions.electron ? (process.platform === 'win32' ? 'set ELECTRON_RUN_AS_NODE=1&& ' : 'ELECTRON_RUN_AS_NODE=1 ') : ''
  return `${asNode}${runtime} "${binFile}" hook`
}

/** The settings as the file holds them, formatted the way writeSettings writes them. */
export function settingsText(settings: Settings): string {
  return Object.keys(settings).length ? `${JSON.stringify(settings, null, 2)}\n` : ''
}

export function settingsFile(projectDir: string): string {
  return path.join(projectDir, '.claude', 'settings.json')
}

export function readSettings(file: string): Settings {
  if (!fs.existsSync(file)) return {}
  const text = fs.readFileSync(file, 'utf8')
  if (!text.trim()) return {}
  try {
    const value: unknown = JSON.parse(text)
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('not a JSON object')
    return value as Settings
  } catch (error) {
    const location = jsonErrorLocation(text)
    throw new Error(`${file}${location ? `:${location}` : ''}: cannot read it (${jsonErrorReason(error)}); nothing was changed`, { cause: error })
  }
}

/** Adds our hook entries where they are missing; leaves everything else as it was. */
export function withHooksInstalled(settings: Settings, command: string): Settings {
  const next: Settings = structuredClone(settings)
  const hooks = (next.hooks ??= {})
  for (const { event, matcher } of HOOKED_EVENTS) {
    const groups = (hooks[event] ??= [])
    const present = groups.some((g) => (g.matcher ?? '') === (matcher ?? '') && g.hooks?.some((h) => isSessionBuddyCommand(h.command)))
    if (present) continue
    groups.push({ ...(matcher ? { matcher } : {}), hooks: [{ type: 'command', command, timeout: 10 }] })
  }
  return next
}

/** Removes only our entries, and any group or event they leave empty. */
export function withHooksRemoved(settings: Settings): Settings {
  const next: Settings = structuredClone(settings)
  if (!next.hooks) return next
  for (const [event, groups] of Object.entries(next.hooks)) {
    const kept = groups
      .map((g) => ({ ...g, hooks: g.hooks?.filter((h) => !isSessionBuddyCommand(h.command)) }))
      .filter((g) => (g.hooks?.length ?? 0) > 0)
    if (kept.length) next.hooks[event] = kept
    else delete next.hooks[event]
  }
  if (Object.keys(next.hooks).length === 0) delete next.hooks
  return next
}

/** Writes the settings if they changed, keeping a backup of the previous file. Returns the backup path. */
export function writeSettings(file: string, before: Settings, after: Settings): { changed: boolean; backup: string | null } {
  if (JSON.stringify(before) === JSON.stringify(after)) return { changed: false, backup: null }
  fs.mkdirSync(path.dirname(file), { recursive: true })
  let backup: string | null = null
  if (fs.existsSync(file)) {
    backup = `${file}.session-buddy-backup`
    fs.copyFileSync(file, backup)
  }
  const temp = `${file}.tmp-${process.pid}`
  fs.writeFileSync(temp, `${JSON.stringify(after, null, 2)}\n`)
  fs.renameSync(temp, file)
  return { changed: true, backup }
}
