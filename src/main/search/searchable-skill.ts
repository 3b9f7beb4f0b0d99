import type { ParsedSkillFile } from '../catalogue/skill-file-parser'

/** What search needs to know about one skill file. */
export interface SearchableSkill {
  /** Stable key: the file path. */
  key: string
  name: string
  description: string
  headings: string
  body: string
  deprecated: boolean
}

const BODY_CHARS = 6000

export function toSearchable(key: string, parsed: Pick<ParsedSkillFile, 'name' | 'description' | 'sections' | 'deprecated'>): SearchableSkill {
  return {
    key,
    name: parsed.name,
    description: parsed.description,
    headings: parsed.sections.map((s) => s.heading).join(' \n '),
    body: parsed.sections
      .map((s) => s.text)
      .join('\n')
      .slice(0, BODY_CHARS),
    deprecated: parsed.deprecated,
  }
}
