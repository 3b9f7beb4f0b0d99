import type { SkillSection } from '../catalogue/skill-file-parser'

export type SkillTextKind = 'whole' | 'fragment' | 'section'

export interface SkillText {
  kind: SkillTextKind
  text: string
}

/** Sections past this many say little about when to use a skill, and each costs an embedding. */
const MAX_SECTIONS = 8
const SECTION_CHARS = 240

/**
 * The texts of one skill that get their own embedding. A single vector of a long description blurs
 * it: "status reports, leadership updates, FAQs" is three different requests. So besides the whole
 * name + description, each clause of the description and the opening lines of each section are
 * embedded on their own, and a request is matched against the closest of them.
 */
export function skillTexts(skill: { name: string; description: string; sections: SkillSection[] }): SkillText[] {
  const name = readableName(skill.name)
  const texts: SkillText[] = [{ kind: 'whole', text: skill.description ? `${name}: ${skill.description}` : name }]
  for (const fragment of descriptionClauses(skill.description)) texts.push({ kind: 'fragment', text: fragment })
  for (const section of skill.sections.slice(0, MAX_SECTIONS)) {
    const opening = plainText(section.text.split(/\n\s*\n/)[0] ?? '').slice(0, SECTION_CHARS)
    if (opening.split(' ').length >= 4) texts.push({ kind: 'section', text: section.heading ? `${section.heading}: ${opening}` : opening })
  }
  return texts
}

export function readableName(name: string): string {
  return name.replace(/[-_:/]+/g, ' ').trim()
}

/** Sentences, parenthesised lists and "- requires …" tails of a description, three words or longer. */
export function descriptionClauses(description: string): string[] {
  return description
    .split(/(?<=[.;!?])\s+|\s+-\s+|\s*\(|\)\s*|,\s+(?=(?:or|and|when|before|after|if)\b)/i)
    .map((s) => s.trim())
    .filter((s) => s.split(/\s+/).length >= 3)
}

function plainText(markdown: string): string {
  return markdown
    .replace(/[#*`>|_-]/g, ' ')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\s+/g, ' ')
    .trim()
}
