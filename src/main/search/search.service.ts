import type BetterSqlite3 from 'better-sqlite3'
import type { CatalogueStatusView, EmbedderSetting, SearchResultView, SkillMatchView } from '../../shared/api/search'
import { embedderSettingSchema } from '../../shared/api/search'
import type { ChangeBus } from '../api/change-bus'
import type { CatalogueService, CatalogueSkill } from '../catalogue/catalogue.service'
import { readSetting, writeSetting } from '../system/app-settings'
import type { Embedder } from './embedder'
import { EmbeddingStore, embedWithStore } from './embedding-store'
import type { SkillUse } from './ranking'
import { toSearchable } from './searchable-skill'
import { SkillSearch, type PastRequest, type SearchContext, type TextIndexes } from './skill-search'
import { skillTexts, type SkillText } from './skill-texts'
import { VectorIndex } from './vector-index'
import { WorkerEmbedder } from './worker-embedder'
import { RecommendationLog, requestHash, SHOWN_KEPT, type FeedbackVote } from '../recommendations/recommendation-log'
import { sql } from 'kysely'
import { all, first, query } from '../storage/typed-query'

const EMBEDDER = 'search.embedder'
const DEFAULT_EMBEDDER: EmbedderSetting = { kind: 'use-lite' }
/** Effectiveness reads at most this many recent uses per skill; with a 30-day half-life older ones barely count. */
const USES_PER_SKILL = 200
/** Past requests (of completed invocations) that search learns from, most recent first. */
const PAST_REQUESTS = 500
const HISTORY_REFRESH_MS = 2000
/** Query vectors kept for feedback on recent recommendations (a vote usually comes within a minute). */
const RECENT_VECTORS = 100

type EmbedState = CatalogueStatusView['embedder']

/**
 * Skill search over the catalogue. Wording (BM25) works the moment the catalogue is read; meaning
 * (embeddings) joins once each skill's description has a vector, and is refined as the other texts
 * get theirs. Vectors are computed in a worker thread and stored by model and text hash, with progress
 * reported to open windows. Until the first pass is done results say `lexical`.
 */
export class SearchService {
  private search: SkillSearch
  private textIndexes: { stamp: string; indexes: TextIndexes } | undefined
  private skillsByPath = new Map<string, CatalogueSkill>()
  private embedder: Embedder & { close?(): Promise<void>; readonly running?: boolean }
  private generation = 0
  private historyTimer: NodeJS.Timeout | undefined
  private embedding: Promise<void> = Promise.resolve()
  private state: EmbedState
  private readonly store: EmbeddingStore
  private readonly recommendations: RecommendationLog
  /** Every thumbs up and down, loaded on first use and after each new one. */
  private votes: FeedbackVote[] | undefined
  /** Vectors of the latest recorded requests, so a vote can keep its request's vector (never its text). */
  private readonly recentVectors = new Map<number, { model: string; vector: Float32Array }>()

  constructor(
    private readonly sqlite: BetterSqlite3.Database,
    private readonly catalogue: CatalogueService,
    private readonly changes: ChangeBus,
    private readonly dataDir: string,
    private readonly createEmbedder: (setting: EmbedderSetting) => Embedder & { close?(): Promise<void>; readonly running?: boolean } = (setting) => new WorkerEmbedder(setting, dataDir),
  ) {
    this.store = new EmbeddingStore(sqlite)
    this.recommendations = new RecommendationLog(sqlite)
    const setting = this.embedderSetting()
    this.embedder = this.createEmbedder(setting)
    this.state = { setting, model: this.embedder.model, state: 'idle', embedded: 0, total: 0, error: null }
    // Nothing is read until the first search (or a long-running host starts it): most CLI commands never search.
    this.search = new SkillSearch([])
    catalogue.onChanged(() => {
      if (this.started) void this.rebuild()
    })
    // New completed invocations carry requests to learn from; vectors of known ones are cached.
    changes.subscribe((event) => {
      if (!this.started || !event.topics.includes('sessions')) return
      clearTimeout(this.historyTimer)
      this.historyTimer = setTimeout(() => void this.rebuild({ keepCurrent: true }), HISTORY_REFRESH_MS)
    })
  }

  embedderSetting(): EmbedderSetting {
    return readSetting(this.sqlite, EMBEDDER, embedderSettingSchema, DEFAULT_EMBEDDER)
  }

  /** Switches the sentence encoder: at once for status and search, vectors in the background. */
  setEmbedder(setting: EmbedderSetting): Promise<void> {
    writeSetting(this.sqlite, EMBEDDER, setting)
    const previous = this.embedder
    this.embedder = this.createEmbedder(setting)
    this.state = { setting, model: this.embedder.model, state: 'idle', embedded: 0, total: 0, error: null }
    void previous.close?.()
    return this.rebuild()
  }

  embedStatus(): EmbedState {
    return { ...this.state }
  }

  /** Whether the catalogue has been read in this process (lazily, on first search, or by a long-running host). */
  started = false

  /** Reads the catalogue folders and starts embedding; idempotent. */
  start(): void {
    if (this.started) return
    this.started = true
    const result = this.catalogue.refresh()
    // A refresh that changed files already rebuilt through the catalogue listener.
    if (result.indexed + result.removed === 0) void this.rebuild()
  }

  /**
   * Re-reads the catalogue: wording at once, meaning in the background. Resolves when vectors are
   * ready. With `keepCurrent` (only past requests changed) the current search serves until then.
   */
  rebuild(options: { keepCurrent?: boolean } = {}): Promise<void> {
    const generation = ++this.generation
    if (!options.keepCurrent || !this.search.hasVectors) this.search = this.lexicalSearch()
    else this.skillsByPath = new Map(this.catalogue.skills().map((s) => [s.path, s]))
    this.embedding = this.embedAll(generation)
    return this.embedding
  }

  /** A thumbs up or down on one result; false when the recommendation is not stored. */
  feedback(input: { recommendationId: number; skill: string; helpful: boolean | null }): boolean {
    const kept = this.recentVectors.get(input.recommendationId)
    const stored = this.recommendations.feedback({ ...input, model: kept?.model, vector: kept?.vector })
    this.votes = undefined
    if (stored) this.changes.publish('skills')
    return stored
  }

  /** Starts the service if needed; resolves when the latest rebuild has its vectors (or failed to get them). */
  whenReady(): Promise<void> {
    this.start()
    return this.embedding
  }

  async find(input: { query: string; limit?: number; projectId?: number; sessionId?: string; source?: 'ui' | 'cli' | 'mcp'; record?: boolean }): Promise<SearchResultView> {
    const started = performance.now()
    this.start()
    const search = this.search
    let queryVector: Float32Array | undefined
    if (search.hasVectors) [queryVector] = await this.embedder.embed([input.query])
    this.votes ??= this.recommendations.votes(this.embedder.model)
    const outcome = search.search(input.query, {
      limit: input.limit ?? 10,
      queryVector,
      context: this.context(input.projectId, input.sessionId),
      feedback: { votes: this.votes, requestHash: requestHash(input.query) },
    })
    // A file removed while this search ran is left out rather than shown without its details.
    const results = outcome.results.flatMap((r): SkillMatchView[] => {
      const skill = this.skillsByPath.get(r.key)
      if (!skill) return []
      return [{ name: skill.name, description: skill.description, kind: skill.kind, path: skill.path, projectName: skill.projectName, invocation: `/${skill.name}`, score: r.score }]
    })
    const recommendationId =
      input.record === false || results.length === 0
        ? null
        : this.recommendations.record({
            source: input.source ?? 'ui',
            query: input.query,
            shown: results.slice(0, SHOWN_KEPT).map((r) => ({ skill: r.name, score: Math.round(r.score.final * 1000) / 1000 })),
            sessionId: input.sessionId,
            projectId: input.projectId,
          })
    if (recommendationId !== null && queryVector) {
      this.recentVectors.set(recommendationId, { model: this.embedder.model, vector: queryVector })
      if (this.recentVectors.size > RECENT_VECTORS) this.recentVectors.delete(this.recentVectors.keys().next().value!)
    }
    return {
      query: input.query,
      recommendationId,
      mode: queryVector ? 'hybrid' : 'lexical',
      embedder: this.state.model,
      skillsIndexed: this.skillsByPath.size,
      tookMs: Math.round((performance.now() - started) * 10) / 10,
      matchStrength: Math.round(outcome.matchStrength * 1000) / 1000,
      noClearMatch: outcome.noClearMatch,
      results,
    }
  }

  /**
   * Loads the sentence encoder ahead of a query: after the search is ready, and whenever the Search page
   * opens (its worker ends when idle, returning its memory; a query should not wait for it to start again).
   */
  warm(): void {
    if ((this.state.state !== 'ready' && this.state.state !== 'refining') || this.embedder.running) return
    void this.embedder.embed(['warm up']).catch(() => undefined)
  }

  isCatalogued(file: string): boolean {
    this.start()
    return this.skillsByPath.has(file)
  }

  async close(): Promise<void> {
    this.generation++
    clearTimeout(this.historyTimer)
    await this.embedder.close?.()
  }

  private lexicalSearch(): SkillSearch {
    const skills = this.catalogue.skills()
    this.skillsByPath = new Map(skills.map((s) => [s.path, s]))
    return this.searchOver(skills)
  }

  /** A search over these skills; the word indexes are rebuilt only when a skill file changed. */
  private searchOver(skills: CatalogueSkill[], vectors: VectorIndex | null = null, past: PastRequest[] = []): SkillSearch {
    const stamp = skills.map((s) => `${s.path}\0${s.contentHash}`).join('\n')
    const kept = this.textIndexes?.stamp === stamp ? this.textIndexes.indexes : undefined
    const search = new SkillSearch(
      skills.map((s) => toSearchable(s.path, s)),
      (names, projects) => this.usesOf(names, projects),
      vectors,
      past,
      kept,
    )
    this.textIndexes = { stamp, indexes: search.textIndexes }
    return search
  }

  /**
   * Embeds in two passes: each skill's whole name and description first (about a sixth of the work),
   * so meaning joins the search within seconds of a cold start ('refining'); then description clauses,
   * section openings and past requests, which the eval shows still matter (top-1 0.80 -> 0.85), swapped
   * in when done ('ready').
   */
  private async embedAll(generation: number): Promise<void> {
    const skills = [...this.skillsByPath.values()]
    const perSkill = skills.map((s) => skillTexts(s))
    const pastRows = this.pastRequestRows()
    const model = this.embedder.model
    const firstPass = perSkill.map((texts) => texts.filter((t) => t.kind === 'whole'))
    const firstTexts = firstPass.flat().map((t) => t.text)
    const allTexts = [...perSkill.flat().map((t) => t.text), ...pastRows.map((r) => r.text)]
    const total = new Set(allTexts).size
    this.state = { ...this.state, state: 'embedding', embedded: 0, total, error: null }
    // Both passes count against every text: the second starts where the first ended (its texts are stored).
    const progress = ({ done }: { done: number }) => {
      if (generation !== this.generation) return
      this.state = { ...this.state, embedded: done, total }
      this.changes.progress({ task: 'search:embed', done, total, detail: `${model}: ${done} of ${total} skill texts` })
    }
    try {
      // With every vector stored (a warm start) there is nothing to refine: one pass.
      if (!this.store.hasAll(model, allTexts)) {
        const first = await embedWithStore(this.store, this.embedder, firstTexts, { onProgress: progress })
        if (generation !== this.generation) return
        this.install(skills, firstPass, first, [], [])
        this.state = { ...this.state, state: 'refining' }
        this.changes.publish('skills')
      }
      const vectors = await embedWithStore(this.store, this.embedder, allTexts, { onProgress: progress })
      if (generation !== this.generation) return
      this.install(skills, perSkill, vectors.slice(0, allTexts.length - pastRows.length), pastRows, vectors.slice(allTexts.length - pastRows.length))
      this.state = { ...this.state, state: 'ready' }
      this.changes.publish('skills')
      // Every vector may have come from the store: load the model now, not on the first query.
      this.warm()
    } catch (error) {
      if (generation !== this.generation) return
      this.state = { ...this.state, state: 'failed', error: (error as Error).message }
      this.changes.publish('skills')
    }
  }

  private install(skills: CatalogueSkill[], texts: SkillText[][], vectors: Float32Array[], pastRows: Array<{ projectId: number; skill: string; text: string }>, pastVectors: Float32Array[]): void {
    let next = 0
    const index = new VectorIndex(skills.map((s, i) => ({ key: s.path, parts: texts[i]!.map((t) => ({ kind: t.kind, vector: vectors[next++]! })) })))
    const past: PastRequest[] = pastRows.map((r, i) => ({ ...r, vector: pastVectors[i]! }))
    this.search = this.searchOver(skills, index, past)
  }

  private pastRequestRows(): Array<{ projectId: number; skill: string; text: string }> {
    return all(
      this.sqlite,
      query
        .selectFrom('skill_invocations')
        .select(['project_id as projectId', 'skill_name as skill', 'user_query as text'])
        .where('status', '=', 'completed')
        .where('user_query', 'is not', null)
        .where(sql<boolean>`length(user_query) between 3 and 2000`)
        .groupBy(['project_id', 'skill_name', 'user_query'])
        .orderBy(sql`max(started_at)`, 'desc')
        .limit(PAST_REQUESTS),
    ).map((r) => ({ projectId: r.projectId, skill: r.skill, text: r.text! }))
  }

  private usesOf(names: string[], projects?: Set<number>): Map<string, SkillUse[]> {
    const latest = query
      .selectFrom('skill_invocations')
      .select(['skill_name', 'status', 'started_at', sql<number>`row_number() over (partition by skill_name order by started_at desc)`.as('n')])
      // Project ids listed, so the (project_id, skill_name, started_at) index serves a lookup by name.
      .where('project_id', 'in', projects ? [...projects, -1] : query.selectFrom('projects').select('id'))
      .where('skill_name', 'in', names)
    const rows = names.length ? all(this.sqlite, query.selectFrom(latest.as('r')).select(['skill_name', 'status', 'started_at']).where('n', '<=', USES_PER_SKILL)) : []
    const uses = new Map<string, SkillUse[]>()
    for (const row of rows) {
      const list = uses.get(row.skill_name) ?? []
      list.push({ status: row.status, startedAt: row.started_at })
      uses.set(row.skill_name, list)
    }
    return uses
  }

  private context(projectId: number | undefined, sessionId: string | undefined): SearchContext {
    const context: SearchContext = {}
    if (sessionId) projectId ??= first(this.sqlite, query.selectFrom('sessions').select('project_id').where('id', '=', sessionId))?.project_id
    // The include-in-insights switch holds here too: use in an excluded project informs only its own searches.
    const included = all(this.sqlite, query.selectFrom('projects').select('id').where('include_in_insights', '=', 1)).map((r) => r.id)
    context.usageProjects = new Set(projectId === undefined ? included : [...included, projectId])
    if (sessionId) {
      const recent = all(
        this.sqlite,
        query.selectFrom('skill_invocations').select(['skill_name', 'status', 'evidence']).where('session_id', '=', sessionId).orderBy('started_at', 'desc').orderBy('id', 'desc').limit(50),
      )
      context.recentSkills = [...new Set(recent.map((r) => r.skill_name))]
      context.sessionOutcomes = new Map()
      for (const run of recent) {
        if (context.sessionOutcomes.has(run.skill_name)) continue
        const nextPrompt = run.evidence ? (JSON.parse(run.evidence) as { nextPrompt?: string }).nextPrompt : undefined
        context.sessionOutcomes.set(run.skill_name, { status: run.status, corrected: nextPrompt === 'correction' })
      }
    }
    if (projectId !== undefined) {
      context.projectSkillKeys = new Set([...this.skillsByPath.values()].filter((s) => s.projectId === projectId).map((s) => s.path))
      // From the insight summaries (a row per project, month and skill), not the raw invocations.
      const sameType = all(
        this.sqlite,
        query
          .selectFrom('usage_monthly as u')
          .innerJoin('projects as p', 'p.id', 'u.project_id')
          .select('u.skill_name')
          .distinct()
          .where('u.completed', '>', 0)
          .where('p.id', '!=', projectId)
          .where('p.include_in_insights', '=', 1)
          .where('p.project_type', '!=', 'unknown')
          .where('p.project_type', '=', query.selectFrom('projects').select('project_type').where('id', '=', projectId)),
      )
      context.projectTypeSkills = new Set(sameType.map((r) => r.skill_name))
    }
    return context
  }
}
