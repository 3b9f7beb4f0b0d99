/**
 * What one project's UTC day of skill runs adds to the insight summaries, computed in one pass over
 * its rows (reading them once costs less than one grouped query per summary table).
 */
export const BUCKETS_PER_DOUBLING = 4

/**
 * Durations are kept as counts in logarithmic buckets, four per doubling (each ~19% wide), so
 * percentiles over any window and set of projects come from summing a few rows. A percentile is
 * reported as its bucket's geometric midpoint: within ±9.5% of the exact value.
 */
export function durationBucket(ms: number): number {
  return ms < 1 ? 0 : Math.floor(BUCKETS_PER_DOUBLING * Math.log2(ms)) + 1
}

export function bucketMidpointMs(bucket: number): number {
  return bucket === 0 ? 0 : 2 ** ((bucket - 1 + 0.5) / BUCKETS_PER_DOUBLING)
}

/** One stored run, as the day's query returns it (raw, in this column order). */
export type RunRow = [
  skill: string,
  status: string,
  durationMs: number | null,
  errorType: string | null,
  workflowPath: string | null,
  followUps: string,
  sessionId: string | null,
  startedAt: string,
  id: number,
  /** 1 when an importer made the session up (legacy rows without session ids): it says nothing about order. */
  syntheticSession: number | null,
]

export const DAY_ROWS_COLUMNS =
  'i.skill_name, i.status, i.duration_ms, i.error_type, i.workflow_path, i.follow_up_actions, i.session_id, i.started_at, i.id, s.synthetic'

export interface SkillDayUsage {
  skill: string
  invocations: number
  completed: number
  failed: number
  abandoned: number
  unknown: number
  durationN: number
  durationSumMs: number
  firstAt: string
  lastAt: string
  /** bucket → runs */
  buckets: Map<number, number>
  /** `${kind}\u0000${value}` → runs, for kinds error, path and follow-up */
  facts: Map<string, number>
}

export interface DaySummary {
  usage: Map<string, SkillDayUsage>
  sequences: Map<string, { length: number; sessions: number; completed: number }>
  /** Each session's runs this day in order, as [skill, 1 when completed] (JSON): what later changes are compared with. */
  sessionSteps: Map<string, string>
}

/** One session-day's runs in order: [skill, 1 when completed else 0]. */
export type SessionRuns = Array<[skill: string, completed: number]>

export const FACT_SEPARATOR = '\u0000'

export function summariseDay(rows: RunRow[]): DaySummary {
  const usage = new Map<string, SkillDayUsage>()
  const ordered: RunRow[] = []
  for (const row of rows) {
    const [skill, status, duration, errorType, workflowPath, followUps, sessionId, startedAt] = row
    let u = usage.get(skill)
    if (!u) {
      u = { skill, invocations: 0, completed: 0, failed: 0, abandoned: 0, unknown: 0, durationN: 0, durationSumMs: 0, firstAt: startedAt, lastAt: startedAt, buckets: new Map(), facts: new Map() }
      usage.set(skill, u)
    }
    u.invocations++
    if (status === 'completed') u.completed++
    else if (status === 'failed') u.failed++
    else if (status === 'abandoned') u.abandoned++
    else if (status === 'unknown') u.unknown++
    if (duration !== null) {
      u.durationN++
      u.durationSumMs += duration
      const bucket = durationBucket(duration)
      u.buckets.set(bucket, (u.buckets.get(bucket) ?? 0) + 1)
    }
    if (startedAt < u.firstAt) u.firstAt = startedAt
    if (startedAt > u.lastAt) u.lastAt = startedAt
    if (errorType !== null) count(u.facts, `error${FACT_SEPARATOR}${errorType}`)
    if (workflowPath !== null) count(u.facts, `path${FACT_SEPARATOR}${workflowPath}`)
    if (followUps !== '[]') {
      for (const action of JSON.parse(followUps) as unknown[]) if (typeof action === 'string') count(u.facts, `follow-up${FACT_SEPARATOR}${action}`)
    }
    if (sessionId !== null && row[9] !== 1) ordered.push(row)
  }
  ordered.sort((a, b) => compare(a[6]!, b[6]!) || compare(a[7], b[7]) || a[8] - b[8])
  const sessionSteps = new Map<string, string>()
  const sequences = new Map<string, { length: number; sessions: number; completed: number }>()
  for (let start = 0, end = 0; start < ordered.length; start = end) {
    while (end < ordered.length && ordered[end]![6] === ordered[start]![6]) end++
    const runs: SessionRuns = ordered.slice(start, end).map((r) => [r[0], r[1] === 'completed' ? 1 : 0])
    sessionSteps.set(ordered[start]![6]!, JSON.stringify(runs))
    addSequences(sequences, sequencesOfSession(runs), 1)
  }
  return { usage, sequences, sessionSteps }
}

/** Adds (sign 1) or takes away (sign -1) one session's sequences. */
export function addSequences(into: Map<string, { length: number; sessions: number; completed: number }>, session: Map<string, boolean>, sign: 1 | -1): void {
  for (const [key, completed] of session) {
    const entry = into.get(key) ?? { length: key.split(SEQUENCE_ARROW).length, sessions: 0, completed: 0 }
    entry.sessions += sign
    if (completed) entry.completed += sign
    into.set(key, entry)
  }
}

function count(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1)
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

export const SEQUENCE_ARROW = ' → '

/**
 * Ordered runs of two and three different skills used one after the other within a session.
 * Each counts once per session; `completed` counts sessions where its last step completed.
 */
export function sessionSequences(rows: Array<{ session_id: string; skill_name: string; status: string }>): Map<string, { length: number; sessions: number; completed: number }> {
  const result = new Map<string, { length: number; sessions: number; completed: number }>()
  for (let start = 0, end = 0; start < rows.length; start = end) {
    while (end < rows.length && rows[end]!.session_id === rows[start]!.session_id) end++
    addSequences(result, sequencesOfSession(rows.slice(start, end).map((r) => [r.skill_name, r.status === 'completed' ? 1 : 0])), 1)
  }
  return result
}

/** One session's sequences (each once), and whether its last step completed at least once. */
export function sequencesOfSession(runs: SessionRuns): Map<string, boolean> {
  // Repeating the same skill back to back is one step.
  const steps: Array<{ skill: string; completed: boolean }> = []
  for (const [skill, completed] of runs) {
    const last = steps.at(-1)
    if (last?.skill === skill) last.completed = completed === 1
    else steps.push({ skill, completed: completed === 1 })
  }
  const seen = new Map<string, boolean>()
  for (let i = 0; i < steps.length; i++) {
    for (const length of [2, 3]) {
      if (i + length > steps.length) continue
      const window = steps.slice(i, i + length)
      const key = window.map((s) => s.skill).join(SEQUENCE_ARROW)
      seen.set(key, (seen.get(key) ?? false) || window.at(-1)!.completed)
    }
  }
  return seen
}
