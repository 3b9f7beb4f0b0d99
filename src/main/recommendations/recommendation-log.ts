import crypto from 'node:crypto'
import type BetterSqlite3 from 'better-sqlite3'
import type { RecommendationSource } from '../../shared/api/recommendations'
import { sameSkill } from '../catalogue/skill-names'

/** The next skill run within this long after a recommendation counts as what followed it. */
export const FOLLOW_WINDOW_MS = 15 * 60_000
/** Skills of a recommendation kept: the ones a user or assistant saw. */
export const SHOWN_KEPT = 10
/** A Search page recommendation replaced this soon by another in the same context was typing, not a request. */
const TYPING_SUPERSEDED_MS = 30_000
/** The Search page asking again for the same request (a refetch, a revisit) within this long is the same recommendation. */
const SAME_UI_REQUEST_MS = 10 * 60_000

export interface ShownSkill {
  skill: string
  score: number | null
}

/** A thumbs-down (or up) with what is needed to tell whether a new request is similar. */
export interface FeedbackVote {
  skill: string
  helpful: boolean
  requestHash: string
  requestText: string | null
  vector: Float32Array | null
}

/** Same request, same hash: case and spacing do not make a request different. */
export const requestHash = (text: string) => crypto.createHash('sha256').update(text.trim().toLowerCase().replace(/\s+/g, ' ')).digest('hex')


/**
 * What search and the MCP tools recommended, and which run followed: a recommendation is settled by
 * the first skill run that starts within FOLLOW_WINDOW_MS after it, in its session (or, with no
 * session, its project, or anywhere), or by the window closing with none. The request's text is kept
 * only where the project stores prompts; otherwise its hash.
 */
export class RecommendationLog {
  constructor(private readonly sqlite: BetterSqlite3.Database) {}

  record(input: { source: Exclude<RecommendationSource, 'legacy'>; query: string; shown: ShownSkill[]; sessionId?: string; projectId?: number; now?: Date }): number {
    const now = (input.now ?? new Date()).toISOString()
    const storePrompts = input.projectId !== undefined && this.sqlite.prepare('select store_prompts from projects where id = ?').pluck().get(input.projectId) === 1
    const hash = requestHash(input.query)
    return this.sqlite.transaction(() => {
      if (input.source === 'ui') {
        const same = this.sqlite
          .prepare(
            `select id from recommendations where source = 'ui' and request_hash = ? and session_id is ? and project_id is ? and created_at >= ?
             order by id desc limit 1`,
          )
          .pluck()
          .get(hash, input.sessionId ?? null, input.projectId ?? null, new Date(Date.parse(now) - SAME_UI_REQUEST_MS).toISOString()) as number | undefined
        if (same !== undefined) return same
        this.sqlite
          .prepare(
            `delete from recommendations where source = 'ui' and resolved = 0 and created_at >= ?
               and session_id is ? and project_id is ? and id not in (select recommendation_id from recommendation_feedback)`,
          )
          .run(new Date(Date.parse(now) - TYPING_SUPERSEDED_MS).toISOString(), input.sessionId ?? null, input.projectId ?? null)
      }
      return Number(
        this.sqlite
          .prepare(
            `insert into recommendations (source, created_at, session_id, project_id, request_hash, request_text, shown, runs_before)
             values (?, ?, ?, ?, ?, ?, ?, (select coalesce(max(id), 0) from skill_invocations))`,
          )
          .run(input.source, now, input.sessionId ?? null, input.projectId ?? null, hash, storePrompts ? input.query : null, JSON.stringify(input.shown.slice(0, SHOWN_KEPT)))
          .lastInsertRowid,
      )
      // Immediate: it reads before it writes, and another process may be writing (a deferred one would fail at the upgrade).
    }).immediate()
  }

  feedback(input: { recommendationId: number; skill: string; helpful: boolean | null; model?: string; vector?: Float32Array | null; now?: Date }): boolean {
    if (!this.sqlite.prepare('select 1 from recommendations where id = ?').get(input.recommendationId)) return false
    if (input.helpful === null) {
      this.sqlite.prepare('delete from recommendation_feedback where recommendation_id = ? and skill = ?').run(input.recommendationId, input.skill)
      return true
    }
    this.sqlite
      .prepare(
        `insert into recommendation_feedback (recommendation_id, skill, helpful, created_at, model, request_vector) values (?, ?, ?, ?, ?, ?)
         on conflict (recommendation_id, skill) do update set helpful = excluded.helpful, created_at = excluded.created_at,
           model = coalesce(excluded.model, model), request_vector = coalesce(excluded.request_vector, request_vector)`,
      )
      .run(
        input.recommendationId,
        input.skill,
        input.helpful ? 1 : 0,
        (input.now ?? new Date()).toISOString(),
        input.vector ? (input.model ?? null) : null,
        input.vector ? Buffer.from(input.vector.buffer, input.vector.byteOffset, input.vector.byteLength) : null,
      )
    return true
  }

  /** Every vote, with its request's vector where it was embedded by `model`. */
  votes(model: string): FeedbackVote[] {
    const rows = this.sqlite
      .prepare(
        `select f.skill, f.helpful, r.request_hash, r.request_text, case when f.model = ? then f.request_vector end as vector
         from recommendation_feedback f join recommendations r on r.id = f.recommendation_id`,
      )
      .all(model) as Array<{ skill: string; helpful: number; request_hash: string; request_text: string | null; vector: Buffer | null }>
    return rows.map((r) => ({
      skill: r.skill,
      helpful: r.helpful === 1,
      requestHash: r.request_hash,
      requestText: r.request_text,
      vector: r.vector ? new Float32Array(r.vector.buffer.slice(r.vector.byteOffset, r.vector.byteOffset + r.vector.byteLength)) : null,
    }))
  }

  /** Settles every open recommendation whose run has come or whose window has closed. */
  settle(now = new Date()): void {
    const open = this.sqlite.prepare('select id, created_at, session_id, project_id, shown, runs_before from recommendations where resolved = 0').all() as Array<{
      id: number
      created_at: string
      session_id: string | null
      project_id: number | null
      shown: string
      runs_before: number
    }>
    if (open.length === 0) return
    // By session (its index), else by id: runs stored after the recommendation have higher ids.
    const inSession = this.sqlite.prepare(`select id, skill_name from skill_invocations
      where session_id = @session and id > @after and started_at >= @from and started_at <= @until order by started_at, id limit 1`)
    const afterward = this.sqlite.prepare(`select id, skill_name from skill_invocations
      where id > @after and started_at >= @from and started_at <= @until and (@project is null or project_id = @project) order by started_at, id limit 1`)
    const settle = this.sqlite.prepare('update recommendations set resolved = 1, run_id = ?, run_skill = ?, run_rank = ? where id = ?')
    this.sqlite.transaction(() => {
      for (const r of open) {
        const until = new Date(Date.parse(r.created_at) + FOLLOW_WINDOW_MS).toISOString()
        const params = { session: r.session_id, project: r.project_id, after: r.runs_before, from: r.created_at, until }
        const run = (r.session_id ? inSession.get(params) : afterward.get(params)) as { id: number; skill_name: string } | undefined
        if (run) {
          const shown = JSON.parse(r.shown) as ShownSkill[]
          const rank = shown.findIndex((s) => sameSkill(run.skill_name, s.skill))
          settle.run(run.id, run.skill_name, rank >= 0 ? rank + 1 : null, r.id)
        } else if (until < now.toISOString()) settle.run(null, null, null, r.id)
      }
    }).immediate()
  }
}
