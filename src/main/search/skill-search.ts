import { cosine } from './embedder'
import { LexicalIndex } from './lexical-index'
import { combine, effectiveness, penaltiesFor, type ScoreBreakdown, type SkillUse } from './ranking'
import type { SearchableSkill } from './searchable-skill'

export interface SearchContext {
  /** Skills used recently in the current session, most recent first. */
  recentSkills?: string[]
  /** Skills of the project the request comes from. */
  projectSkillKeys?: Set<string>
}

export interface RankedSkill {
  key: string
  name: string
  description: string
  score: ScoreBreakdown
}

/** How many candidates of each kind go on to full ranking. */
const CANDIDATES = 40
/** Relevance = this share of meaning (embeddings) + the rest of wording (BM25), each scaled to its best match. */
export const EMBEDDING_SHARE = 0.5

export type RelevanceMethod = 'hybrid' | 'lexical' | 'embedding'

/**
 * Finds skills for a request: relevance first (lexical BM25 today; an embedder fuses in here later),
 * then the brief's formula with effectiveness from tracked use, session context and penalties.
 */
export class SkillSearch {
  private readonly lexical: LexicalIndex
  private readonly byKey: Map<string, SearchableSkill>

  constructor(
    skills: SearchableSkill[],
    private readonly usesOf: (skillName: string) => SkillUse[] = () => [],
    /** One vector per skill key (name and description embedded), when an embedder is available. */
    private readonly vectors: Map<string, Float32Array> = new Map(),
  ) {
    this.lexical = new LexicalIndex(skills)
    this.byKey = new Map(skills.map((s) => [s.key, s]))
  }

  find(
    query: string,
    options: { limit?: number; context?: SearchContext; now?: number; queryVector?: Float32Array; method?: RelevanceMethod } = {},
  ): RankedSkill[] {
    const relevance = this.relevance(query, options.queryVector, options.method ?? 'hybrid')
    const candidates = [...relevance.entries()].sort((a, b) => b[1] - a[1]).slice(0, CANDIDATES)
    const recent = options.context?.recentSkills ?? []
    return candidates
      .map(([key, semantic]): RankedSkill => {
        const skill = this.byKey.get(key)!
        const uses = this.usesOf(skill.name)
        const eff = effectiveness(uses, options.now)
        const recentIndex = recent.indexOf(skill.name)
        const inProject = options.context?.projectSkillKeys?.has(key) ?? false
        const context = Math.min(1, (recentIndex === -1 ? 0 : 0.6 / (recentIndex + 1)) + (inProject ? 0.4 : 0))
        const explanation = [
          `relevance ${Math.round(semantic * 100)}% of the best match (meaning and wording)`,
          eff.completionRate === null ? 'no tracked uses yet: neutral effectiveness' : `completed ${Math.round(eff.completionRate * 100)}% of ${eff.uses} tracked uses (recent ones count more)`,
          ...(recentIndex >= 0 ? ['used recently in this session'] : []),
          ...(inProject ? ['belongs to this project'] : []),
        ]
        return { key, name: skill.name, description: skill.description, score: combine(semantic, eff.score, context, penaltiesFor(skill.deprecated, uses), explanation) }
      })
      .sort((a, b) => b.score.final - a.score.final)
      .slice(0, options.limit ?? 10)
  }

  /** Lexical and embedding relevance, each scaled so the best candidate scores 1, then fused. */
  private relevance(query: string, queryVector: Float32Array | undefined, method: RelevanceMethod): Map<string, number> {
    const lexical = method === 'embedding' ? new Map<string, number>() : this.lexical.search(query)
    if (!queryVector || method === 'lexical' || this.vectors.size === 0) return lexical
    const similarities = [...this.vectors.entries()].map(([key, vector]) => [key, Math.max(0, cosine(queryVector, vector))] as const)
    const best = Math.max(...similarities.map(([, s]) => s), 1e-9)
    const share = method === 'embedding' ? 1 : EMBEDDING_SHARE
    const fused = new Map<string, number>()
    for (const [key, similarity] of similarities) fused.set(key, share * (similarity / best) + (1 - share) * (lexical.get(key) ?? 0))
    return fused
  }
}
