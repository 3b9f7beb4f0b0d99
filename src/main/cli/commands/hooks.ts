import fs from 'node:fs'
import path from 'node:path'
import type { Command } from 'commander'
import { defaultHookCommand, readSettings, settingsFile, withHooksInstalled, withHooksRemoved, writeSettings } from '../../hooks/claude-settings'
import { packageRoot } from '../../system/package-root'
import { CliError } from '../cli-error'

/** `hook` (called by Claude Code) and `hooks install|uninstall` (called by you). */
export function registerHookCommands(program: Command): void {
  program
    .command('hook')
    .description('read one Claude Code hook payload on stdin and record it (used by the installed hooks)')
    .option('--plugin', "as the Claude Code plugin's hook: record only in registered projects' folders")
    .action(async (options: { plugin?: boolean }) => {
      // bin/session-buddy.js normally runs the small hook bundle instead; this is the same code.
      const chunks: Buffer[] = []
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer)
      const { runHook } = await import('../../hooks/run-hook')
      runHook(Buffer.concat(chunks).toString('utf8'), process.env, { plugin: options.plugin })
    })

  const hooks = program.command('hooks').description("add or remove Session Buddy's hooks in a project's .claude/settings.json")
  const defaultCommand = () => defaultHookCommand(path.join(packageRoot(), 'bin', 'session-buddy.js'))

  hooks
    .command('install')
    .description('merge the hook entries into <dir>/.claude/settings.json (idempotent, keeps a backup)')
    .argument('[dir]', 'the project folder', '.')
    .option('--command <command>', 'the hook command to run (default: this installation, by absolute path)')
    .option('--dry-run', 'print the resulting settings without writing them')
    .action((dir: string, options: { command?: string; dryRun?: boolean }) => {
      // A mistyped path must not become a new folder with a settings file in it.
      if (!isFolder(dir)) throw new CliError(`No folder at ${path.resolve(dir)}: check the path and try again`, 2)
      const command = options.command ?? defaultCommand()
      if (!/session-buddy(\.js)?["']?\s+hook\s*$/.test(command)) throw new CliError('--command must end with "session-buddy hook" so it can be recognised later')
      change(dir, (settings) => withHooksInstalled(settings, command), options.dryRun, 'installed')
    })

  hooks
    .command('uninstall')
    .description("remove only Session Buddy's entries from <dir>/.claude/settings.json")
    .argument('[dir]', 'the project folder', '.')
    .option('--dry-run', 'print the resulting settings without writing them')
    .action((dir: string, options: { dryRun?: boolean }) => {
      if (!isFolder(dir)) throw new CliError(`No folder at ${path.resolve(dir)}: check the path and try again`, 2)
      change(dir, withHooksRemoved, options.dryRun, 'removed')
    })
}

function change(dir: string, transform: (s: ReturnType<typeof readSettings>) => ReturnType<typeof readSettings>, dryRun: boolean | undefined, verb: string): void {
  const file = settingsFile(path.resolve(dir))
  let before
  try {
    before = readSettings(file)
  } catch (error) {
    throw new CliError((error as Error).message)
  }
  const after = transform(before)
  if (dryRun) {
    process.stdout.write(`${JSON.stringify(after, null, 2)}\n`)
    return
  }
  const { changed, backup } = writeSettings(file, before, after)
  if (!changed) process.stdout.write(`Nothing to do: hooks already ${verb} in ${file}\n`)
  else process.stdout.write(`Hooks ${verb} in ${file}${backup ? ` (previous file kept as ${backup})` : ''}\n`)
}

function isFolder(dir: string): boolean {
  try {
    return fs.statSync(dir).isDirectory()
  } catch {
    return false
  }
}
