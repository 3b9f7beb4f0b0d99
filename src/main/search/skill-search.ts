import { CharNgramIndex } from './char-ngram-index'
import { LexicalIndex, type WordingMatch } from './lexical-index'
import { combine, effectiveness, PENALTIES, penaltiesFor, type ScoreBreakdown, type SkillUse } from './ranking'
import type { SearchableSkill } from './searchable-skill'
import type { VectorIndex } from './vector-index'
import { cosine } from './embedder'
import type { FeedbackVote } from '../recommendations/recommendation-log'

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

/** The word indexes of a catalogue: built once, shared by the searches that add vectors to them. */
export interface TextIndexes {
  lexical: LexicalIndex
  grams: CharNgramIndex
}

export interface SearchOptions {
  limit?: number
  context?: SearchContext
  now?: number
  queryVector?: Float32Array
  method?: RelevanceMethod
  /** Thumbs up and down on earlier results, and this request's hash (an identical request is as similar as can be). */
  feedback?: { votes: FeedbackVote[]; requestHash: string }
}

export interface RankedSkill {
  key: string
  name: string
  description: string
  score: ScoreBreakdown
}

export interface SearchOutcome {
  results: RankedSkill[]
  /**
   * How strongly the most relevant skill matches in absolute terms: the unscaled 4-gram cosine of the
   * request and that skill's text (0 when nothing matched). Relevance is scaled to the best match, so
   * it says which skill fits best, never whether any fits; this does.
   */
  matchStrength: number
  /** The match strength is under NO_CLEAR_MATCH_BELOW: no skill clearly fits, the results are only the closest. */
  noClearMatch: boolean
}

/** How many candidates by relevance go on to full ranking. */
const CANDIDATES = 40
/** Below this relevance (share of the best match) a skill is noise, however effective it is. */
export const MIN_RELEVANCE = 0.1
/**
 * Relevance = a weighted sum of wording (BM25, times the share of the request it covers when meaning
 * weighs too), meaning (embeddings) and character 4-grams, each scaled to its best match. Chosen with
 * `npm run eval:search` (docs/search.md); while vectors are not ready, wording and 4-grams share it.
 */
export const SIGNAL_WEIGHTS = {
  withMeaning: { wording: 0.3, meaning: 0.45, ngram: 0.25 },
  withoutMeaning: { wording: 0.545, meaning: 0, ngram: 0.455 },
} as const
/** A past request at least this similar to the new one lifts the skill it led to... */
export const HISTORY_MIN_SIMILARITY = 0.6
/** ...by up to this much relevance (at identical requests). */
export const HISTORY_WEIGHT = 0.3
/**
 * Below this match strength no skill clearly fits. Calibrated with `npm run eval:search` on 100
 * answerable and 30 unanswerable requests over the 110-skill corpus (docs/search.md).
 */
export const NO_CLEAR_MATCH_BELOW = 0.085
/** A skill marked unhelpful this many times for requests like this one is demoted for them... */
export const UNHELPFUL_MARKS = 2
/** ...losing up to this share of its relevance (at an identical request; none at similarity 0.6). */
export const UNHELPFUL_DEMOTION = 0.8
/** Context points: used recently in this session (decaying by position), in this project, in projects of this type. */
export const CONTEXT_POINTS = { recent: 0.5, project: 0.3, projectType: 0.2 } as const

/** Which signals relevance uses: all of them (the app), or one or two for the evaluation's comparison. */
export type RelevanceMethod = 'hybrid' | 'lexical' | 'embedding' | 'ngram' | 'lexical+embedding' | 'lexical+ngram'

type Weights = { wording: number; meaning: number; ngram: number }
const METHOD_WEIGHTS: Record<Exclude<RelevanceMethod, 'hybrid'>, Weights> = {
  lexical: { wording: 1, meaning: 0, ngram: 0 },
  embedding: { wording: 0, meaning: 1, ngram: 0 },
  ngram: { wording: 0, meaning: 0, ngram: 1 },
  'lexical+embedding': { wording: 0.4, meaning: 0.6, ngram: 0 },
  'lexical+ngram': SIGNAL_WEIGHTS.withoutMeaning,
}

interface Relevance {
  total: number
  wording: number
  /** Share of the request's words the skill matches, when it weighs on wording (beside meaning). */
  coverage?: number
  meaning: number
  ngram: number
  /** Relevance taken off for unhelpful marks on similar requests (0 when none). */
  feedback: number
  unhelpfulMarks: number
  /** Unscaled similarities (cosines) of the request to this skill, for judging whether anything fits at all. */
  raw: { ngram: number; meaning: number | null }
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
  private readonly grams: CharNgramIndex
  private readonly byKey: Map<string, SearchableSkill>

  constructor(
    skills: SearchableSkill[],
    private readonly usesOf: (skillNames: string[], projects?: Set<number>) => Map<string, SkillUse[]> = () => new Map(),
    private readonly vectors: VectorIndex | null = null,
    private readonly pastRequests: PastRequest[] = [],
    /** Indexes already built for exactly these skills (each costs about 0.1 s and its garbage per 100 skills). */
    indexes?: TextIndexes,
  ) {
    this.lexical = indexes?.lexical ?? new LexicalIndex(skills)
    this.grams = indexes?.grams ?? new CharNgramIndex(skills)
    this.byKey = new Map(skills.map((s) => [s.key, s]))
  }

  get textIndexes(): TextIndexes {
    return { lexical: this.lexical, grams: this.grams }
  }

  get hasVectors(): boolean {
    return (this.vectors?.size ?? 0) > 0
  }

  find(
    query: string,
    options: SearchOptions = {},
  ): RankedSkill[] {
    return this.search(query, options).results
  }

  /** `find`, plus how strongly the best match fits and whether it fits at all. */
  search(query: string, options: SearchOptions = {}): SearchOutcome {
    const relevance = this.relevance(query, options.queryVector, options.method ?? 'hybrid', options.context?.usageProjects, false, options.feedback)
    const candidates = [...relevance.entries()]
      .filter(([, r]) => r.total >= MIN_RELEVANCE)
      .sort((a, b) => b[1].total - a[1].total)
      .slice(0, CANDIDATES)
    const matchStrength = candidates[0]?.[1].raw.ngram ?? 0
    return { results: this.rank(candidates, options), matchStrength, noClearMatch: matchStrength < NO_CLEAR_MATCH_BELOW }
  }

  /**
   * The most relevant skill for a request by wording alone (BM25 and 4-grams, no effectiveness or
   * context) and its match strength: what scoring prompts at ingest needs, at a fraction of a search's cost.
   */
  bestByWording(query: string): { key: string; name: string; strength: number } | null {
    let best: [string, Relevance] | null = null
    for (const entry of this.relevance(query, undefined, 'lexical+ngram', undefined, true)) if (!best || entry[1].total > best[1].total) best = entry
    return best ? { key: best[0], name: this.byKey.get(best[0])!.name, strength: best[1].raw.ngram } : null
  }

  private rank(candidates: Array<[string, Relevance]>, options: { limit?: number; context?: SearchContext; now?: number }): RankedSkill[] {
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
          `relevance ${pct(r.total)}: wording ${pct(r.wording)}, meaning ${pct(r.meaning)}, word parts ${pct(r.ngram)} of the best match`,
          ...(r.coverage !== undefined && r.coverage < 1 && r.wording > 0 ? [`matches ${pct(r.coverage)} of the request's words (rarer words count more)`] : []),
          ...(r.historyExample ? [`you completed it before for a similar request: "${r.historyExample}"`] : []),
          ...(r.feedback > 0 ? [`marked unhelpful ${r.unhelpfulMarks} times for similar requests: relevance −${pct(r.feedback)}`] : []),
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
        return { key, name: skill.name, description: skill.description, score: { ...score, relevance: { wording: r.wording, meaning: r.meaning, ngram: r.ngram, history: r.history, ...(r.feedback > 0 ? { feedback: -r.feedback } : {}) } } }
      })
      .sort((a, b) => b.score.final - a.score.final)
      .slice(0, options.limit ?? 10)
  }

  private relevance(
    query: string,
    queryVector: Float32Array | undefined,
    method: RelevanceMethod,
    usageProjects?: Set<number>,
    exact = false,
    feedback?: SearchOptions['feedback'],
  ): Map<string, Relevance> {
    const hasMeaning = queryVector !== undefined && this.vectors !== null && this.hasVectors
    const weights = method === 'hybrid' ? (hasMeaning ? SIGNAL_WEIGHTS.withMeaning : SIGNAL_WEIGHTS.withoutMeaning) : METHOD_WEIGHTS[method]
    const matches = weights.wording > 0 ? this.lexical.search(query, { exact }) : new Map<string, WordingMatch>()
    const rawMeaning = hasMeaning ? this.vectors!.similarities(queryVector!) : new Map<string, number>()
    const rawGrams = this.grams.similarities(query)
    const meaning = weights.meaning > 0 ? scaleToBest(rawMeaning) : new Map<string, number>()
    // Scaled to the best match, but never to one under the "no clear match" line: word parts shared by
    // chance ("les>" in "circles" and "principles") must not weigh like a real match.
    const grams = weights.ngram > 0 ? scaleToBest(rawGrams, NO_CLEAR_MATCH_BELOW) : new Map<string, number>()
    // Beside meaning, wording counts only as far as it covers the request: a skill that shares one
    // incidental word with it ("piece" in an art skill for "how big is this piece of work") would
    // otherwise be the best wording match at full strength. Without meaning, plain BM25 order ranks best.
    const weighsCoverage = weights.meaning > 0 && weights.wording > 0
    const history = queryVector ? this.historyLift(queryVector, usageProjects) : new Map<string, { lift: number; text: string }>()
    const demotions = feedback ? unhelpfulDemotions(feedback, queryVector) : new Map<string, { share: number; marks: number }>()
    const result = new Map<string, Relevance>()
    for (const key of new Set([...matches.keys(), ...meaning.keys(), ...grams.keys()])) {
      const match = matches.get(key)
      const w = match ? (weighsCoverage ? match.score * match.coverage : match.score) : 0
      const m = meaning.get(key) ?? 0
      const g = grams.get(key) ?? 0
      const h = history.get(this.byKey.get(key)!.name)
      const base = weights.wording * w + weights.meaning * m + weights.ngram * g
      const demotion = demotions.get(this.byKey.get(key)!.name)
      const lifted = Math.min(1, base + (h?.lift ?? 0))
      const penalty = lifted * (demotion?.share ?? 0)
      result.set(key, {
        total: lifted - penalty,
        feedback: penalty,
        unhelpfulMarks: demotion?.marks ?? 0,
        wording: w,
        coverage: match && weighsCoverage ? match.coverage : undefined,
        meaning: m,
        ngram: g,
        raw: { ngram: rawGrams.get(key) ?? 0, meaning: hasMeaning ? (rawMeaning.get(key) ?? 0) : null },
        history: h?.lift ?? 0,
        historyExample: h?.text,
      })
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

/**
 * Per skill name, the share of relevance taken off for thumbs-downs on similar requests, found as the
 * lift from past requests finds them (cosine ≥ 0.6; an identical request counts 1) and on the same
 * curve: nothing at 0.6, UNHELPFUL_DEMOTION at an identical request. It is taken at the
 * UNHELPFUL_MARKS-th most similar mark, so one stray click demotes nothing; each thumbs-up on the
 * skill for a similar request cancels one mark. The user's own judgement weighs more than the lift.
 */
function unhelpfulDemotions(feedback: NonNullable<SearchOptions['feedback']>, queryVector: Float32Array | undefined): Map<string, { share: number; marks: number }> {
  const similarities = new Map<string, { down: number[]; up: number[] }>()
  for (const vote of feedback.votes) {
    const similarity = vote.requestHash === feedback.requestHash ? 1 : vote.vector && queryVector ? cosine(queryVector, vote.vector) : 0
    if (similarity < HISTORY_MIN_SIMILARITY) continue
    let entry = similarities.get(vote.skill)
    if (!entry) similarities.set(vote.skill, (entry = { down: [], up: [] }))
    ;(vote.helpful ? entry.up : entry.down).push(similarity)
  }
  const demotions = new Map<string, { share: number; marks: number }>()
  for (const [skill, { down, up }] of similarities) {
    const marks = down.length - up.length
    if (marks < UNHELPFUL_MARKS) continue
    const similarity = down.sort((a, b) => b - a)[UNHELPFUL_MARKS - 1]!
    demotions.set(skill, { share: (UNHELPFUL_DEMOTION * (similarity - HISTORY_MIN_SIMILARITY)) / (1 - HISTORY_MIN_SIMILARITY), marks })
  }
  return demotions
}

function scaleToBest(values: Map<string, number>, floor = 1e-9): Map<string, number> {
  const best = Math.max(floor, ...values.values())
  return new Map([...values].map(([k, v]) => [k, Math.max(0, v) / best]))
}

const pct = (x: number) => `${Math.round(x * 100)}%`
