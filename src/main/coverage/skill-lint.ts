import type { LintFinding } from '../../shared/api/coverage'
import type { ParsedSkillFile } from '../catalogue/skill-file-parser'

/** Claude Code's limits for a skill's front matter (../shared/docs/data-sources.md). */
export const SKILL_LIMITS = { nameChars: 64, namePattern: /^[a-z0-9-]+$/, descriptionChars: 1024 }

/** Words that say when to reach for a skill, which is what Claude Code matches a request against. */
const WHEN = /\b(use (it |this |this skill )?(when|for|if|to|before|after|whenever)|when(ever)?\b|if (you|the|a)\b|before\b|after\b|in case\b|triggers?\b)/i

export interface LintInput {
  path: string
  kind: 'skill' | 'command'
  /** The file as it is on disk. */
  text: string
  parsed: ParsedSkillFile
}

const FRONT_MATTER_START = /^\uFEFF?---\r?\n/

/**
 * Checks each skill file for what makes Claude Code less likely to choose it; every finding says
 * what to change. Commands are checked for an empty description only (they are run by name).
 */
export function lintSkills(files: LintInput[]): LintFinding[] {
  const findings: LintFinding[] = []
  const byName = new Map<string, string[]>()
  for (const { path, kind, text, parsed } of files) {
    const finding = (rule: LintFinding['rule'], message: string, suggestion: string) => findings.push({ rule, name: parsed.name, path, message, suggestion })
    byName.set(`${kind}:${parsed.name}`, [...(byName.get(`${kind}:${parsed.name}`) ?? []), path])
    const description = parsed.description.trim()
    if (!description || parsed.descriptionSource === 'none') {
      finding('description-empty', 'No description: nothing tells Claude Code what the skill is for.', 'Add a `description:` to the front matter saying what it does and when to use it.')
    }
    if (kind === 'command') continue
    // Session Buddy reads a formatter-mangled header (a `____` rule and `## name: …`); Claude Code does not.
    if (parsed.warnings.length > 0 || !FRONT_MATTER_START.test(text)) {
      finding('front-matter', parsed.warnings[0] ? `The front matter cannot be read as YAML (${parsed.warnings[0].replace(`${path}: `, '')}).` : 'The file does not start with YAML front matter between `---` lines.', 'Start the file with `---`, then `name:` and `description:` lines, then `---`.')
    }
    if (parsed.name.length > SKILL_LIMITS.nameChars || !SKILL_LIMITS.namePattern.test(parsed.name)) {
      const suggested = parsed.name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, SKILL_LIMITS.nameChars)
      finding('name-format', `The name "${parsed.name}" is not ${SKILL_LIMITS.nameChars} or fewer lower-case letters, digits and hyphens.`, `Rename it "${suggested}".`)
    }
    if (description.length > SKILL_LIMITS.descriptionChars) {
      finding('description-too-long', `The description has ${description.length} characters, over the ${SKILL_LIMITS.descriptionChars} Claude Code reads.`, `Cut it to ${SKILL_LIMITS.descriptionChars} characters; move details into the body.`)
    }
    if (description && !WHEN.test(description)) {
      finding('description-no-when', 'The description says what the skill does but not when to use it.', 'Add a sentence like "Use when …" naming the requests or situations it is for.')
    }
  }
  for (const [key, paths] of byName) {
    if (paths.length < 2) continue
    const name = key.slice(key.indexOf(':') + 1)
    for (const path of paths) findings.push({ rule: 'duplicate-name', name, path, message: `${paths.length} files are named "${name}": ${paths.filter((p) => p !== path).join(', ')}.`, suggestion: 'Rename one of them, or remove the copy; only one is offered under that name.' })
  }
  return findings.sort((a, b) => a.name.localeCompare(b.name) || a.rule.localeCompare(b.rule) || a.path.localeCompare(b.path))
}
