import fs from 'node:fs'
import path from 'node:path'
import type { ReadPath } from '../../shared/api/projects'
import { claudeTranscriptRoots } from '../imports/claude-code/transcript-roots'

/**
 * Exactly what Session Buddy reads for a registered project, shown in the consent panel
 * before the user adds it. Later features read nothing outside this list.
 */
export function projectReadPaths(projectPath: string): ReadPath[] {
  const at = (relative: string, what: string): ReadPath => {
    const full = path.join(projectPath, relative)
    return { path: full, what, exists: fs.existsSync(full) }
  }
  return [
    at('.session-buddy/events', 'Event log written by Session Buddy hooks, CLI and tracker (*.jsonl), watched for new lines'),
    at('.session-buddy/skill_metrics.json', 'Legacy crackerjack skill metrics, imported on request'),
    at('.session-buddy/skills.db', 'Legacy session-buddy skill database, opened read-only on request'),
    at('.claude/skills', 'Skill files (SKILL.md and *.md) for the skill catalogue'),
    at('.claude/commands', 'Slash-command files (*.md) for the skill catalogue'),
    at('.claude/settings.json', 'Read and changed only when you install the Claude Code hooks'),
    ...claudeTranscriptRoots().map((root) => ({
      path: root,
      what: `Claude Code transcripts, only those whose working folder lies in ${projectPath}: sessions, skill calls and, if you allow it, your prompts; imported on request`,
      exists: fs.existsSync(root),
    })),
  ]
}
