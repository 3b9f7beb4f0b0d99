import os from 'node:os'
import path from 'node:path'

/**
 * Folders holding Claude Code transcripts (`<root>/<encoded-project>/<sessionId>.jsonl`).
 * CLAUDE_CONFIG_DIR may name one or several config folders (separated by commas or the OS path delimiter);
 * otherwise both default locations are read.
 */
export function claudeTranscriptRoots(env: NodeJS.ProcessEnv = process.env, home: string = os.homedir()): string[] {
  return [...new Set(claudeConfigDirs(env, home).map((dir) => path.join(dir, 'projects')))]
}

/** Claude Code's config folders: CLAUDE_CONFIG_DIR (one or several), else `~/.claude` and `~/.config/claude`. */
export function claudeConfigDirs(env: NodeJS.ProcessEnv = process.env, home: string = os.homedir()): string[] {
  const configured = (env.CLAUDE_CONFIG_DIR ?? '')
    .split(new RegExp(`[,${path.delimiter === ';' ? ';' : ':'}]`))
    .map((dir) => dir.trim())
    .filter(Boolean)
  const configDirs = configured.length > 0 ? configured : [path.join(home, '.claude'), path.join(home, '.config', 'claude')]
  return [...new Set(configDirs.map((dir) => path.resolve(dir)))]
}
