import type BetterSqlite3 from 'better-sqlite3'

/**
 * A small multi-project dataset whose insights are computed by hand in insights.service.test.ts.
 * Projects: alpha and beta (node), gamma (python), delta (python, excluded from insights).
 */
export interface InsightsDataset {
  projects: Record<'alpha' | 'beta' | 'gamma' | 'delta', number>
}

type Step = [skill: string, status: 'completed' | 'failed' | 'abandoned' | 'running', durationMs: number | null]

export function seedInsightsDataset(sqlite: BetterSqlite3.Database, root: string): InsightsDataset {
  const now = '2026-11-10T00:00:00.000Z'
  const addProject = (name: string, type: string, include: boolean) =>
    Number(
      sqlite
        .prepare('insert into projects (path, name, project_type, include_in_insights, store_prompts, registered_at, updated_at) values (?, ?, ?, ?, 1, ?, ?)')
        .run(`${root}/${name}`, name, type, include ? 1 : 0, now, now).lastInsertRowid,
    )
  const projects = { alpha: addProject('alpha', 'node', true), beta: addProject('beta', 'node', true), gamma: addProject('gamma', 'python', true), delta: addProject('delta', 'python', false) }
  let ref = 0
  const session = (project: number, id: string, day: string, steps: Step[]) => {
    const start = Date.parse(`${day}T10:00:00.000Z`)
    sqlite.prepare("insert into sessions (id, project_id, started_at, source, created_at) values (?, ?, ?, 'test', ?)").run(id, project, new Date(start).toISOString(), now)
    steps.forEach(([skill, status, duration], i) => {
      sqlite
        .prepare(
          `insert into skill_invocations (project_id, session_id, skill_name, status, started_at, duration_ms, error_type, user_query, follow_up_actions, source, source_ref)
           values (?, ?, ?, ?, ?, ?, ?, ?, ?, 'test', ?)`,
        )
        .run(project, id, skill, status, new Date(start + i * 60_000).toISOString(), duration, status === 'failed' ? 'AssertionError' : null, `secret prompt ${id}-${i}`, JSON.stringify(status === 'completed' ? ['commit'] : []), `ref-${ref++}`)
    })
  }
  session(projects.alpha, 'a1', '2026-11-02', [['lint', 'completed', 1000], ['test', 'completed', 4000], ['deploy', 'failed', 10_000]])
  session(projects.alpha, 'a2', '2026-11-03', [['lint', 'completed', 1000], ['test', 'completed', 2000]])
  session(projects.alpha, 'a3', '2026-11-09', [['test', 'abandoned', null]])
  session(projects.beta, 'b1', '2026-11-02', [['lint', 'completed', 2000], ['test', 'failed', 8000]])
  session(projects.beta, 'b2', '2026-11-05', [['lint', 'completed', 1000], ['test', 'completed', 4000]])
  session(projects.gamma, 'c1', '2026-11-04', [['test', 'completed', 1000], ['lint', 'completed', 1000]])
  session(projects.delta, 'd1', '2026-11-02', [['lint', 'failed', 500], ['test', 'failed', 500], ['lint', 'failed', 500]])

  // Three failing workflow steps right after deploy in session a1.
  const run = Number(
    sqlite
      .prepare("insert into workflow_runs (project_id, session_id, workflow_id, name, status, started_at, source_ref) values (?, 'a1', 'ci', 'CI', 'failed', ?, 'run-a1')")
      .run(projects.alpha, '2026-11-02T10:03:00.000Z').lastInsertRowid,
  )
  for (const [i, node] of ['unit', 'e2e', 'publish'].entries()) {
    sqlite
      .prepare("insert into workflow_nodes (run_id, node_id, name, status, started_at, duration_ms, source_ref) values (?, ?, ?, 'failed', ?, 1000, ?)")
      .run(run, node, node, `2026-11-02T10:0${3 + i}:00.000Z`, `node-a1-${node}`)
  }
  return { projects }
}
