import type BetterSqlite3 from 'better-sqlite3'
import type { SessionTimeline, TimelineInvocation, TimelineNode, TimelineRun } from '../../shared/api/correlation'
import type { RunEvidence } from '../../shared/api/outcomes'
import type { InvocationStatus, SessionHeader } from '../../shared/api/tracking'
import { parseStringArray } from '../metrics/skill-metrics.repository'
import { all, first, query } from '../storage/typed-query'

type Row = Record<string, unknown>

/** The columns `toSessionHeader` reads, from `sessions s join projects p`. */
export const SESSION_HEADER_COLUMNS = 's.id, s.project_id, p.name as project_name, s.started_at, s.ended_at, s.model, s.git_branch, s.synthetic'

export function toSessionHeader(row: Row): SessionHeader {
  return {
    id: row.id as string,
    projectId: row.project_id as number,
    projectName: row.project_name as string,
    startedAt: row.started_at as string,
    endedAt: row.ended_at as string | null,
    model: row.model as string | null,
    gitBranch: row.git_branch as string | null,
    synthetic: row.synthetic === 1,
  }
}

/** Everything that happened in one session, in time order; null when there is no such session. */
export function loadTimeline(sqlite: BetterSqlite3.Database, sessionId: string): SessionTimeline | null {
  const session = first(sqlite, sessionHeaders().where('s.id', '=', sessionId))
  if (!session) return null
  const prompts = all(sqlite, query.selectFrom('prompts').select(['ts', 'text']).where('session_id', '=', sessionId).orderBy('ts').orderBy('id'))
  const invocations = all(sqlite, query.selectFrom('skill_invocations').select(INVOCATION_FIELDS).where('session_id', '=', sessionId).orderBy('started_at').orderBy('id')).map(toInvocation)
  const runs = all(
    sqlite,
    query
      .selectFrom('workflow_runs')
      .select(['id', 'workflow_id', 'name', 'status', 'started_at', 'ended_at', 'duration_ms'])
      .where('session_id', '=', sessionId)
      .orderBy('started_at')
      .orderBy('id'),
  )
  const nodes = all(
    sqlite,
    query
      .selectFrom('workflow_nodes as n')
      .innerJoin('workflow_runs as r', 'r.id', 'n.run_id')
      .select(['n.run_id', 'n.node_id', 'n.name', 'n.status', 'n.started_at', 'n.ended_at', 'n.duration_ms', 'n.error'])
      .where('r.session_id', '=', sessionId)
      .orderBy('n.started_at')
      .orderBy('n.id'),
  )
  return {
    ...toSessionHeader(session),
    prompts,
    invocations,
    runs: runs.map((r) => toRun(r, nodes)),
  }
}

/** Sessions with the columns `toSessionHeader` reads, for typed queries to narrow. */
export function sessionHeaders() {
  return query
    .selectFrom('sessions as s')
    .innerJoin('projects as p', 'p.id', 's.project_id')
    .select(['s.id', 's.project_id', 'p.name as project_name', 's.started_at', 's.ended_at', 's.model', 's.git_branch', 's.synthetic'])
}

/** A workflow_runs row with its nodes (rows of workflow_nodes, any run's: they are matched by run id). */
export function toRun(r: Row, nodes: Row[]): TimelineRun {
  return {
    id: r.id as number,
    workflowId: r.workflow_id as string,
    name: r.name as string,
    status: r.status as TimelineRun['status'],
    startedAt: r.started_at as string,
    endedAt: r.ended_at as string | null,
    durationMs: r.duration_ms as number | null,
    nodes: nodes.filter((n) => n.run_id === r.id).map(toNode),
  }
}

export function toInvocation(r: Row): TimelineInvocation {
  return {
    id: r.id as number,
    skill: r.skill_name as string,
    status: r.status as InvocationStatus,
    startedAt: r.started_at as string,
    endedAt: r.ended_at as string | null,
    durationMs: r.duration_ms as number | null,
    errorType: r.error_type as string | null,
    workflowPath: r.workflow_path as string | null,
    userQuery: r.user_query as string | null,
    followUpActions: parseStringArray(r.follow_up_actions as string),
    outcomeSource: (r.outcome_source as 'explicit' | 'inferred' | null | undefined) ?? null,
    evidence: typeof r.evidence === 'string' ? (JSON.parse(r.evidence) as RunEvidence) : null,
  }
}

/** The skill_invocations columns `toInvocation` reads. */
export const INVOCATION_FIELDS = ['id', 'skill_name', 'status', 'started_at', 'ended_at', 'duration_ms', 'error_type', 'workflow_path', 'user_query', 'follow_up_actions', 'outcome_source', 'evidence'] as const

function toNode(n: Row): TimelineNode {
  return {
    nodeId: n.node_id as string,
    name: n.name as string,
    status: n.status as TimelineNode['status'],
    startedAt: n.started_at as string,
    endedAt: n.ended_at as string | null,
    durationMs: n.duration_ms as number | null,
    error: n.error as string | null,
  }
}
