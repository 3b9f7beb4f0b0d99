import { HOOKED_EVENTS } from './claude-settings'

/**
 * The Claude Code plugin's files, from the same hook list `hooks install` writes (HOOKED_EVENTS) and
 * the package version: `npm run plugin:generate` writes them under `plugin/` and beside it, and a test
 * fails when a file on disk differs from what this produces.
 */
export const PLUGIN_NAME = 'session-buddy'
const DESCRIPTION = 'Tracks which skills you use in Claude Code and how well they work, finds the right skill for a request, and shows it all in a local app.'
const RUNNER = '"${CLAUDE_PLUGIN_ROOT}/bin/session-buddy-run"'

export function pluginFiles(version: string): Record<string, string> {
  const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`
  return {
    'plugin/.claude-plugin/plugin.json': json({
      name: PLUGIN_NAME,
      version,
      description: DESCRIPTION,
      author: { name: 'Session Buddy contributors' },
      license: 'MIT',
      keywords: ['skills', 'analytics', 'hooks', 'mcp'],
    }),
    'plugin/hooks/hooks.json': json({
      description: 'Session Buddy records sessions, prompts and Skill calls, in registered projects only.',
      hooks: Object.fromEntries(
        HOOKED_EVENTS.map(({ event, matcher }) => [event, [{ ...(matcher ? { matcher } : {}), hooks: [{ type: 'command', command: `${RUNNER} hook --plugin`, timeout: 10 }] }]]),
      ),
    }),
    'plugin/.mcp.json': json({ mcpServers: { [PLUGIN_NAME]: { command: '${CLAUDE_PLUGIN_ROOT}/bin/session-buddy-run', args: ['mcp'] } } }),
    'plugin/bin/session-buddy-run': runnerScript(version),
    '.claude-plugin/marketplace.json': json({
      name: PLUGIN_NAME,
      owner: { name: 'Session Buddy contributors' },
      plugins: [{ name: PLUGIN_NAME, source: './plugin', description: DESCRIPTION, version }],
    }),
  }
}

/** Runs the installed `session-buddy`, else the same version through npx; a hook prints nothing and exits 0 whatever happens. */
function runnerScript(version: string): string {
  return `#!/bin/sh
# Written by npm run plugin:generate. Runs the installed session-buddy command, or the same version
# through npx when it is not on PATH. A hook must never disturb the assistant: it prints nothing and
# exits 0 whatever happens.
if command -v session-buddy >/dev/null 2>&1; then
  run() { session-buddy "$@"; }
else
  run() { npx -y session-buddy@${version} "$@"; }
fi
if [ "$1" = hook ]; then
  run "$@" >/dev/null 2>&1
  exit 0
fi
run "$@"
`
}

/** The README's list of hooked events, between its markers. */
export function readmeHookList(): string {
  return HOOKED_EVENTS.map(({ event, matcher }) => `- \`${event}\`${matcher ? ` (matcher \`${matcher}\`)` : ''}`).join('\n')
}
export const README_HOOKS_START = '<!-- hooks:start (npm run plugin:generate) -->'
export const README_HOOKS_END = '<!-- hooks:end -->'
