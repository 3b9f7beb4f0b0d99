import type BetterSqlite3 from 'better-sqlite3'
import type { FacetCount, SessionPattern, SessionSearchInput, SessionSearchResult, SessionSummary, SessionTimeline } from '../../shared/api/correlation'
import { correlateSession } from './correlator'
import { sql, type SelectQueryBuilder } from 'kysely'
import type { Database } from '../storage/schema'
import { all, query } from '../storage/typed-query'
import type { UsageService } from '../usage/usage.service'
import { sessionHeaders, toInvocation, toRun, toSessionHeader } from './timeline.repository'

interface Candidate extends SessionSummary {
  statuses: Set<string>
}

/**
 * Sessions for the Sessions page, newest first. Date range and free text narrow the candidates in SQL;
 * project, skill, status and pattern are applied here so each facet can count what choosing it would
 * give (every other filter applied). Patterns come from the correlator, memoised until data changes.
 */
export class SessionSearch {
  private readonly patterns = new Map<string, SessionPattern>()
  /** Tokens and cost of every session, until data or prices change (the list is searched as the user types). */
  private costs: { stamp: string; bySession: ReturnType<UsageService['totalsBySession']> } | null = null

  constructor(
    private readonly sqlite: BetterSqlite3.Database,
    private readonly usage: UsageService,
  ) {}

  /** Call when sessions change (ingest, import, removal). */
  invalidate(): void {
    this.patterns.clear()
    this.costs = null
  }

  private sessionCosts(): ReturnType<UsageService['totalsBySession']> {
    const stamp = this.usage.pricesStamp()
    if (this.costs?.stamp !== stamp) this.costs = { stamp, bySession: this.usage.totalsBySession(query.selectFrom('sessions').select('id')) }
    return this.costs.bySession
  }

  search(input: SessionSearchInput): SessionSearchResult {
    const candidates = this.candidates(input)
    const matches = (c: Candidate, skip: keyof SessionSearchInput | null) =>
      (skip === 'projectId' || input.projectId === undefined || c.projectId === input.projectId) &&
      (skip === 'skill' || input.skill === undefined || c.skills.includes(input.skill)) &&
      (skip === 'status' || input.status === undefined || c.statuses.has(input.status)) &&
      (skip === 'pattern' || input.pattern === undefined || c.pattern === input.pattern)

    const facet = (skip: keyof SessionSearchInput, values: (c: Candidate) => Array<[string, string]>): FacetCount[] => {
      const counts = new Map<string, FacetCount>()
      for (const c of candidates) {
        if (!matches(c, skip)) continue
        for (const [value, label] of values(c)) {
          const entry = counts.get(value) ?? { value, label, count: 0 }
          entry.count++
          counts.set(value, entry)
        }
      }
      return [...counts.values()].sort((a, b) => b.count - a.count || a.label.localeCompare(b.label))
    }

    const sessions = candidates.filter((c) => matches(c, null)).map(({ statuses: _statuses, ...summary }) => summary)
    // Sessions with nothing recorded sort last; ties keep newest first.
    if (input.sort === 'cost') sessions.sort((a, b) => (b.cost ?? -1) - (a.cost ?? -1))
    if (input.sort === 'tokens') sessions.sort((a, b) => (b.tokens ?? -1) - (a.tokens ?? -1))
    return {
      total: sessions.length,
      sessions,
      facets: {
        projects: facet('projectId', (c) => [[String(c.projectId), c.projectName]]),
        skills: facet('skill', (c) => c.skills.map((s) => [s, s])),
        statuses: facet('status', (c) => [...c.statuses].map((s) => [s, s])),
        patterns: facet('pattern', (c) => [[c.pattern, c.pattern]]),
      },
    }
  }

  private candidates(input: SessionSearchInput): Candidate[] {
    const text = input.text?.trim() ? `%${input.text.trim().replace(/[\\%_]/g, (m) => `\\${m}`)}%` : null
    const from = input.from ? new Date(input.from).toISOString() : null
    const to = input.to ? new Date(input.to).toISOString() : null
    const like = (column: string) => sql<boolean>`${sql.ref(column)} like ${text} escape '\\'`
    // Date range and free text, on any query over `sessions as s`.
    const narrowed = <Q extends SelectQueryBuilder<Database & { s: Database['sessions'] }, 's', object>>(q: Q): Q =>
      q
        .$if(from !== null, (b) => b.where('s.started_at', '>=', from!))
        .$if(to !== null, (b) => b.where('s.started_at', '<=', to!))
        .$if(text !== null, (b) =>
          b.where((eb) =>
            eb.or([
              eb.exists(eb.selectFrom('skill_invocations as i').select('i.id').whereRef('i.session_id', '=', 's.id').where((w) => w.or([like('i.skill_name'), like('i.user_query')]))),
              eb.exists(eb.selectFrom('prompts as pr').select('pr.id').whereRef('pr.session_id', '=', 's.id').where(like('pr.text'))),
            ]),
          ),
        ) as Q
    const sessions = all(
      this.sqlite,
      narrowed(sessionHeaders())
        .select((eb) => eb.selectFrom('prompts as pr').select('pr.text').whereRef('pr.session_id', '=', 's.id').where('pr.text', 'is not', null).orderBy('pr.ts').limit(1).as('first_prompt'))
        .orderBy('s.started_at', 'desc'),
    )
    const ids = narrowed(query.selectFrom('sessions as s').select('s.id'))
    const group = <T extends { session_id: string | null }>(rows: T[]) => {
      const map = new Map<string, T[]>()
      for (const row of rows) {
        const list = map.get(row.session_id!)
        if (list) list.push(row)
        else map.set(row.session_id!, [row])
      }
      return map
    }
    const invocations = group(all(this.sqlite, query.selectFrom('skill_invocations').selectAll().where('session_id', 'in', ids).orderBy('started_at').orderBy('id')))
    const runs = group(all(this.sqlite, query.selectFrom('workflow_runs').selectAll().where('session_id', 'in', ids).orderBy('started_at').orderBy('id')))
    const needPatterns = sessions.some((s) => !this.patterns.has(s.id))
    const nodes = needPatterns
      ? group(
          all(
            this.sqlite,
            query.selectFrom('workflow_nodes as n').innerJoin('workflow_runs as r', 'r.id', 'n.run_id').selectAll('n').select('r.session_id').where('r.session_id', 'in', ids).orderBy('n.started_at'),
          ),
        )
      : new Map()
    const costs = this.sessionCosts()
    const prompts = needPatterns ? group(all(this.sqlite, query.selectFrom('prompts').select(['session_id', 'ts']).where('session_id', 'in', ids))) : new Map<string, Array<{ ts: string }>>()

    return sessions.map((s) => {
      const id = s.id
      const own = (invocations.get(id) ?? []).map(toInvocation)
      const ownRuns = runs.get(id) ?? []
      let pattern = this.patterns.get(id)
      if (!pattern) {
        const timeline: SessionTimeline = {
          ...toSessionHeader(s),
          prompts: (prompts.get(id) ?? []).map((p) => ({ ts: p.ts as string, text: null })),
          invocations: own,
          runs: ownRuns.map((r) => toRun(r, nodes.get(id) ?? [])),
        }
        pattern = correlateSession(timeline).pattern
        this.patterns.set(id, pattern)
      }
      return {
        id,
        projectId: s.project_id,
        projectName: s.project_name,
        startedAt: s.started_at,
        endedAt: s.ended_at,
        skills: [...new Set(own.map((i) => i.skill))],
        invocations: own.length,
        failed: own.filter((i) => i.status === 'failed').length,
        abandoned: own.filter((i) => i.status === 'abandoned').length,
        workflowRuns: ownRuns.length,
        pattern,
        firstPrompt: s.first_prompt,
        tokens: costs.get(id)?.tokens ?? null,
        cost: costs.get(id)?.cost ?? null,
        unpriced: costs.get(id)?.unpriced ?? false,
        statuses: new Set(own.map((i) => i.status)),
      }
    })
  }
}
