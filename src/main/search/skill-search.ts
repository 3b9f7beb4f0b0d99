import { LexicalIndex, type WordingMatch } from './lexical-index'
import { combine, effectiveness, PENALTIES, penaltiesFor, type ScoreBreakdown, type SkillUse } from './ranking'
import type { SearchableSkill } from './searchable-skill'
import type { VectorIndex } from './vector-index'
import { cosine } from './embedder'

export interface SearchContext {
  /** Skills used recently in the current session, most recent first. */
  recentSkills?: string[]
  /** Keys of the skills that belong to the project the request comes from. */
  projectSkillKeys?: Set<string>
  /** Skills used in other projects of the same type (e.g. node, python). */
  projectTypeSkills?: Set<string>
  /** How each skill's latest run in the current session ended, and whether the next prompt corrected it. */
  sessionOutcomes?: Map<string, { status: string; corrected: boolean }>
  /**
   * Projects whose tracked use may inform this search (effectiveness, similar past requests): those
   * included in cross-project insights, plus the one the request comes from. Unset: every project.
   */
  usageProjects?: Set<number>
}

/** A request the user made before that ended in a completed invocation of a skill. */
export interface PastRequest {
  projectId: number
  skill: string
  text: string
  vector: Float32Array
}

export interface RankedSkill {
  key: string
  name: string
  description: string
  score: ScoreBreakdown
}

/** How many candidates by relevance go on to full ranking. */
const CANDIDATES = 40
/** Below this relevance (share of the best match) a skill is noise, however effective it is. */
export const MIN_RELEVANCE = 0.1
/** Relevance = this share of wording (BM25) + the rest of meaning (embeddings), each scaled to its best match. */
export const LEXICAL_SHARE = 0.4
/** A past request at least this similar to the new one lifts the skill it led to... */
export const HISTORY_MIN_SIMILARITY = 0.6
/** ...by up to this much relevance (at identical requests). */
export const HISTORY_WEIGHT = 0.3
/** Context points: used recently in this session (decaying by position), in this project, in projects of this type. */
export const CONTEXT_POINTS = { recent: 0.5, project: 0.3, projectType: 0.2 } as const

export type RelevanceMethod = 'hybrid' | 'lexical' | 'embedding'

interface Relevance {
  total: number
  wording: number
  /** Share of the request's words the skill matches, when it weighs on wording (beside meaning). */
  coverage?: number
  meaning: number
  history: number
  historyExample?: string
}

/**
 * Finds skills for a request: relevance from wording (BM25) and meaning (embeddings of a skill's
 * description, its clauses and sections), lifted by similar past requests that ended well, then the
 * brief's formula with effectiveness from tracked use, session context and penalties.
 */
export class SkillSearch {
  private readonly lexical: LexicalIndex
  private readonly byKey: Map<string, SearchableSkill>

  constructor(
    skills: SearchableSkill[],
    private readonly usesOf: (skillNames: string[], projects?: Set<number>) => Map<string, SkillUse[]> = () => new Map(),
    private readonly vectors: VectorIndex | null = null,
    private readonly pastRequests: PastRequest[] = [],
  ) {
    this.lexical = new LexicalIndex(skills)
    this.byKey = new Map(skills.map((s) => [s.key, s]))
  }

  get hasVectors(): boolean {
    return (this.vectors?.size ?? 0) > 0
  }

  find(
    query: string,
    options: { limit?: number; context?: SearchContext; now?: number; queryVector?: Float32Array; method?: RelevanceMethod } = {},
  ): RankedSkill[] {
    const relevance = this.relevance(query, options.queryVector, options.method ?? 'hybrid', options.context?.usageProjects)
    const candidates = [...relevance.entries()]
      .filter(([, r]) => r.total >= MIN_RELEVANCE)
      .sort((a, b) => b[1].total - a[1].total)
      .slice(0, CANDIDATES)
    const usesByName = this.usesOf([...new Set(candidates.map(([key]) => this.byKey.get(key)!.name))], options.context?.usageProjects)
    const recent = options.context?.recentSkills ?? []
    return candidates
      .map(([key, r]): RankedSkill => {
        const skill = this.byKey.get(key)!
        const uses = usesByName.get(skill.name) ?? []
        const eff = effectiveness(uses, options.now)
        const recentIndex = recent.indexOf(skill.name)
        const inProject = options.context?.projectSkillKeys?.has(key) ?? false
        const inProjectType = options.context?.projectTypeSkills?.has(skill.name) ?? false
        const context = Math.min(
          1,
          (recentIndex === -1 ? 0 : CONTEXT_POINTS.recent / (recentIndex + 1)) + (inProject ? CONTEXT_POINTS.project : 0) + (inProjectType ? CONTEXT_POINTS.projectType : 0),
        )
        const explanation = [
          `relevance ${pct(r.total)}: wording ${pct(r.wording)}, meaning ${pct(r.meaning)} of the best match`,
          ...(r.coverage !== undefined && r.coverage < 1 && r.wording > 0 ? [`matches ${pct(r.coverage)} of the request's words (rarer words count more)`] : []),
          ...(r.historyExample ? [`you completed it before for a similar request: "${r.historyExample}"`] : []),
          eff.completionRate === null
            ? 'no tracked run with a known outcome yet: neutral effectiveness'
            : `completed ${eff.completedCount} of ${eff.finished} tracked runs with a known outcome (${pct(eff.completionRate)} with recent ones counting more)`,
          ...(recentIndex >= 0 ? ['used recently in this session'] : []),
          ...(inProject ? ['belongs to this project'] : []),
          ...(inProjectType ? ['used in other projects of this type'] : []),
        ]
        const penalty = penaltiesFor(skill.deprecated, uses)
        const inSession = options.context?.sessionOutcomes?.get(skill.name)
        if (inSession && (inSession.status === 'failed' || inSession.corrected)) {
          penalty.factor *= PENALTIES.failedInSession
          penalty.reasons.push(inSession.corrected ? 'its last run in this session was corrected by the next prompt' : 'its last run in this session failed')
        }
        const score = combine(r.total, eff.score, context, penalty, explanation)
        return { key, name: skill.name, description: skill.description, score: { ...score, relevance: { wording: r.wording, meaning: r.meaning, history: r.history } } }
      })
      .sort((a, b) => b.score.final - a.score.final)
      .slice(0, options.limit ?? 10)
  }

  private relevance(query: string, queryVector: Float32Array | undefined, method: RelevanceMethod, usageProjects?: Set<number>): Map<string, Relevance> {
    const matches = method === 'embedding' ? new Map<string, WordingMatch>() : this.lexical.search(query)
    const meaning = queryVector && method !== 'lexical' && this.vectors ? scaleToBest(this.vectors.similarities(queryVector)) : new Map<string, number>()
    const lexicalShare = meaning.size === 0 ? 1 : method === 'embedding' ? 0 : LEXICAL_SHARE
    // Beside meaning, wording counts only as far as it covers the request: a skill that shares one
    // incidental word with it ("piece" in an art skill for "how big is this piece of work") would
    // otherwise be the best wording match at full strength. Alone, plain BM25 order ranks best.
    const weighsCoverage = lexicalShare < 1
    const history = queryVector ? this.historyLift(queryVector, usageProjects) : new Map<string, { lift: number; text: string }>()
    const result = new Map<string, Relevance>()
    for (const key of new Set([...matches.keys(), ...meaning.keys()])) {
      const match = matches.get(key)
      const w = match ? (weighsCoverage ? match.score * match.coverage : match.score) : 0
      const m = meaning.get(key) ?? 0
      const h = history.get(this.byKey.get(key)!.name)
      const base = lexicalShare * w + (1 - lexicalShare) * m
      result.set(key, { total: Math.min(1, base + (h?.lift ?? 0)), wording: w, coverage: match && weighsCoverage ? match.coverage : undefined, meaning: m, history: h?.lift ?? 0, historyExample: h?.text })
    }
    return result
  }

  /** Per skill name: the lift from the most similar past request that ended in a completed invocation. */
  private historyLift(queryVector: Float32Array, projects: Set<number> | undefined): Map<string, { lift: number; text: string }> {
    const lifts = new Map<string, { lift: number; text: string }>()
    for (const past of this.pastRequests) {
      if (projects && !projects.has(past.projectId)) continue
      const similarity = cosine(queryVector, past.vector)
      if (similarity < HISTORY_MIN_SIMILARITY) continue
      const lift = (HISTORY_WEIGHT * (similarity - HISTORY_MIN_SIMILARITY)) / (1 - HISTORY_MIN_SIMILARITY)
      if (lift > (lifts.get(past.skill)?.lift ?? 0)) lifts.set(past.skill, { lift, text: past.text })
    }
    return lifts
  }
}

function scaleToBest(values: Map<string, number>): Map<string, number> {
  const best = Math.max(1e-9, ...values.values())
  return new Map([...values].map(([k, v]) => [k, Math.max(0, v) / best]))
}

const pct = (x: number) => `${Math.round(x * 100)}%`
