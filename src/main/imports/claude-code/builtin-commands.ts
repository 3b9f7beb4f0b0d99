/**
 * Claude Code's own slash commands. A user-typed slash command that is not one of these comes from a
 * skill, a `.claude/commands` file or a plugin, and counts as a skill invocation.
 */
export const BUILTIN_COMMANDS = new Set([
  'add-dir', 'agents', 'bashes', 'bug', 'clear', 'compact', 'config', 'context', 'continue', 'copy', 'cost',
  'doctor', 'exit', 'export', 'feedback', 'help', 'hooks', 'ide', 'init', 'install-github-app', 'login',
  'logout', 'mcp', 'memory', 'migrate-installer', 'model', 'output-style', 'permissions', 'plugin', 'plugins',
  'pr-comments', 'pr_comments', 'privacy-settings', 'quit', 'release-notes', 'resume', 'review', 'rewind',
  'security-review', 'sandbox', 'settings', 'status', 'statusline', 'terminal-setup', 'todos', 'upgrade',
  'usage', 'vim', 'fast', 'extra-usage', 'stats', 'theme', 'tasks', 'add-memory', 'btw',
])

/** `/name` or `name` as written in `<command-name>`; null for a built-in command. */
export function skillFromCommand(commandName: string): string | null {
  const name = commandName.trim().replace(/^\//, '')
  if (!name || BUILTIN_COMMANDS.has(name)) return null
  return name
}
