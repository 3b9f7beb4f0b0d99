import type BetterSqlite3 from 'better-sqlite3'
import type { FacetCount, SessionPattern, SessionSearchInput, SessionSearchResult, SessionSummary, SessionTimeline } from '../../shared/api/correlation'
import { correlateSession } from './correlator'
import { SESSION_HEADER_COLUMNS, toInvocation, toRun, toSessionHeader } from './timeline.repository'

type Row = Record<string, unknown>

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

  constructor(private readonly sqlite: BetterSqlite3.Database) {}

  /** Call when sessions change (ingest, import, removal). */
  invalidate(): void {
    this.patterns.clear()
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
    const where = `
      (@from is null or s.started_at >= @from) and (@to is null or s.started_at <= @to)
      and (@text is null
        or exists (select 1 from skill_invocations i where i.session_id = s.id and (i.skill_name like @text escape '\\' or i.user_query like @text escape '\\'))
        or exists (select 1 from prompts pr where pr.session_id = s.id and pr.text like @text escape '\\'))`
    const params = {
      from: input.from ? new Date(input.from).toISOString() : null,
      to: input.to ? new Date(input.to).toISOString() : null,
      text,
    }
    const sessions = this.sqlite
      .prepare(
        `select ${SESSION_HEADER_COLUMNS},
           (select text from prompts pr where pr.session_id = s.id and pr.text is not null order by pr.ts limit 1) as first_prompt
         from sessions s join projects p on p.id = s.project_id where ${where} order by s.started_at desc`,
      )
      .all(params) as Row[]
    const ids = `select s.id from sessions s where ${where}`
    const group = <T extends Row>(rows: T[], key: string) => {
      const map = new Map<string, T[]>()
      for (const row of rows) {
        const k = row[key] as string
        const list = map.get(k)
        if (list) list.push(row)
        else map.set(k, [row])
      }
      return map
    }
    const invocations = group(
      this.sqlite.prepare(`select * from skill_invocations where session_id in (${ids}) order by started_at, id`).all(params) as Row[],
      'session_id',
    )
    const runs = group(this.sqlite.prepare(`select * from workflow_runs where session_id in (${ids}) order by started_at, id`).all(params) as Row[], 'session_id')
    const needPatterns = sessions.some((s) => !this.patterns.has(s.id as string))
    const nodes = needPatterns
      ? group(
          this.sqlite
            .prepare(`select n.*, r.session_id from workflow_nodes n join workflow_runs r on r.id = n.run_id where r.session_id in (${ids}) order by n.started_at`)
            .all(params) as Row[],
          'session_id',
        )
      : new Map<string, Row[]>()
    const prompts = needPatterns
      ? group(this.sqlite.prepare(`select session_id, ts from prompts where session_id in (${ids})`).all(params) as Row[], 'session_id')
      : new Map<string, Row[]>()

    return sessions.map((s) => {
      const id = s.id as string
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
        projectId: s.project_id as number,
        projectName: s.project_name as string,
        startedAt: s.started_at as string,
        endedAt: s.ended_at as string | null,
        skills: [...new Set(own.map((i) => i.skill))],
        invocations: own.length,
        failed: own.filter((i) => i.status === 'failed').length,
        abandoned: own.filter((i) => i.status === 'abandoned').length,
        workflowRuns: ownRuns.length,
        pattern,
        firstPrompt: s.first_prompt as string | null,
        statuses: new Set(own.map((i) => i.status)),
      }
    })
  }
}
