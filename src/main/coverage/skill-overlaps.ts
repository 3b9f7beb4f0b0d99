import { CharNgramIndex } from '../search/char-ngram-index'
import { readableName } from '../search/skill-texts'
import type { SearchableSkill } from '../search/searchable-skill'

/**
 * Two skills overlap when each one's name and description match the other's at least this strongly
 * (unscaled 4-gram cosine). Set on the 110 corpus skills, where it keeps the near-duplicates across
 * repositories (two debugging skills, two skill-usage analysers) and drops pairs that only share a
 * phrase ("…-driven development"); docs/coverage.md.
 */
export const OVERLAP_MIN = 0.45

export interface OverlapPair {
  a: string
  b: string
  mutualRelevance: number
}

/**
 * Pairs of skills whose descriptions match the same requests, by mutual relevance: A's name and
 * description scored as a request against B's, and the reverse; the weaker direction counts. Only
 * names and descriptions, as Claude Code chooses by them: bodies share boilerplate ("invoke the … skill").
 * Skills sharing a name are left out: lint reports those as duplicates.
 */
export function skillOverlaps(skills: SearchableSkill[], min = OVERLAP_MIN): OverlapPair[] {
  const index = new CharNgramIndex(skills.map((s) => ({ ...s, headings: '', body: '' })))
  const toward = skills.map((s) => index.similarities(`${readableName(s.name)} ${s.description}`))
  const byKey = new Map(skills.map((s, i) => [s.key, i]))
  const pairs: OverlapPair[] = []
  for (const [i, a] of skills.entries()) {
    for (const [key, forward] of toward[i]!) {
      const j = byKey.get(key)!
      if (j <= i || skills[j]!.name === a.name || forward < min) continue
      const backward = toward[j]!.get(a.key) ?? 0
      const mutual = Math.min(forward, backward)
      if (mutual >= min) pairs.push({ a: a.key, b: key, mutualRelevance: Math.round(mutual * 1000) / 1000 })
    }
  }
  return pairs.sort((x, y) => y.mutualRelevance - x.mutualRelevance)
}
