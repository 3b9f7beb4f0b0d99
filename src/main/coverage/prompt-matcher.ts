import type { CatalogueSkill } from '../catalogue/catalogue.service'
import { toSearchable } from '../search/searchable-skill'
import { NO_CLEAR_MATCH_BELOW, SkillSearch } from '../search/skill-search'

/** The start of a prompt says what it asks; a pasted log after it only costs time. */
const PROMPT_CHARS = 2000
/** Distinct skill sets kept indexed (most projects share one: the user's skills alone). */
const KEPT_INDEXES = 8

export interface PromptMatch {
  skill: string
  /** Unscaled 4-gram cosine of the prompt and the skill's text (the search's match strength). */
  strength: number
}

/**
 * Scores user prompts against the skills Claude Code could have loaded for them (the project's own,
 * plus the user's and extra folders) at ingest. Search's relevance by wording and 4-grams, without
 * effectiveness or context: embedding every prompt would cost more than reading the transcript.
 * Matches weaker than search's "no clear match" line are not worth keeping.
 */
export class PromptMatcher {
  /** Per set of available skills (their paths), its search; the most recently used last. */
  private readonly bySkillSet = new Map<string, SkillSearch | null>()
  private readonly skillSetOf = new Map<number, string>()
  private skills: CatalogueSkill[] | undefined

  constructor(private readonly catalogue: () => CatalogueSkill[]) {}

  /** The catalogue changed: indexes are rebuilt on next use. */
  invalidate(): void {
    this.bySkillSet.clear()
    this.skillSetOf.clear()
    this.skills = undefined
  }

  best(projectId: number, prompt: string): PromptMatch | null {
    const search = this.searchFor(projectId)
    if (!search) return null
    const best = search.bestByWording(prompt.slice(0, PROMPT_CHARS))
    return best && best.strength >= NO_CLEAR_MATCH_BELOW ? { skill: best.name, strength: best.strength } : null
  }

  private searchFor(projectId: number): SkillSearch | null {
    this.skills ??= this.catalogue()
    let available: CatalogueSkill[] | undefined
    let stamp = this.skillSetOf.get(projectId)
    if (stamp === undefined) {
      available = this.skills.filter((s) => !s.deprecated && (s.projectId === null || s.projectId === projectId))
      stamp = available.map((s) => s.path).join('\n')
      this.skillSetOf.set(projectId, stamp)
    }
    if (this.bySkillSet.has(stamp)) {
      const search = this.bySkillSet.get(stamp)!
      this.bySkillSet.delete(stamp)
      this.bySkillSet.set(stamp, search)
      return search
    }
    available ??= this.skills.filter((s) => !s.deprecated && (s.projectId === null || s.projectId === projectId))
    const search = available.length ? new SkillSearch(available.map((s) => toSearchable(s.path, s))) : null
    this.bySkillSet.set(stamp, search)
    if (this.bySkillSet.size > KEPT_INDEXES) this.bySkillSet.delete(this.bySkillSet.keys().next().value!)
    return search
  }
}
