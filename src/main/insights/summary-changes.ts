import type BetterSqlite3 from 'better-sqlite3'
import { addSequences, durationBucket, FACT_SEPARATOR, sequencesOfSession, type SessionRuns } from './day-summary'
import { preparedOnce } from '../storage/prepared-once'

/** Rows whose project-day is queued for recomputation are left to it. */
const NOT_DIRTY = 'not exists (select 1 from insight_dirty_days x where x.project_id = c.project_id and x.day = c.day)'
/** Runs written since the last refresh (+1), and the old (-1) and new (+1) values of counted runs updated since. */
const CHANGES = `(
  select sign, project_id, day, skill_name, status, duration_ms, error_type, workflow_path, follow_up_actions, started_at from insight_changes
  union all
  select 1, project_id, substr(started_at, 1, 10), skill_name, status, duration_ms, error_type, workflow_path, follow_up_actions, started_at
  from skill_invocations where id > @cursor and id <= @last)`

type ChangeGroup = [
  project: number,
  day: string,
  skill: string,
  status: string,
  bucket: number | null,
  errorType: string | null,
  workflowPath: string | null,
  followUps: string,
  n: number,
  durationSumMs: number,
  firstAt: string | null,
  lastAt: string | null,
]

function statements(sqlite: BetterSqlite3.Database) {
  return preparedOnce(sqlite, 'summary-changes', () => {
    // The same bucketing in SQL as in the day recomputation: one function, not two formulas.
    sqlite.function('session_buddy_duration_bucket', { deterministic: true }, (ms) => (ms === null ? null : durationBucket(Number(ms))))
    return {
      cursor: sqlite.prepare('select last_id from insight_cursor').pluck(),
      lastId: sqlite.prepare('select coalesce(max(id), 0) from skill_invocations').pluck(),
      moveCursor: sqlite.prepare('update insight_cursor set last_id = ?'),
      newDays: sqlite.prepare(`
        insert or ignore into insight_dirty_days (project_id, day)
        select distinct project_id, substr(started_at, 1, 10) from skill_invocations where id > @cursor and id <= @last`),
      // One pass over what changed, grouped as finely as any summary needs; the groups are few.
      groups: sqlite
        .prepare(`
        select c.project_id, c.day, c.skill_name, c.status, session_buddy_duration_bucket(c.duration_ms) as bucket, c.error_type, c.workflow_path, c.follow_up_actions,
          sum(c.sign), coalesce(sum(c.sign * c.duration_ms), 0), min(case when c.sign > 0 then c.started_at end), max(case when c.sign > 0 then c.started_at end)
        from ${CHANGES} as c where ${NOT_DIRTY}
        group by c.project_id, c.day, c.skill_name, c.status, bucket, c.error_type, c.workflow_path, c.follow_up_actions`)
        .raw(),
      newSessions: sqlite.prepare(`
        insert or ignore into insight_dirty_sessions (project_id, day, session_id)
        select project_id, substr(started_at, 1, 10), session_id from skill_invocations where id > @cursor and id <= @last and session_id is not null`),
      usage: sqlite.prepare(`
        insert into usage_daily (project_id, day, skill_name, invocations, completed, failed, abandoned, unknown, duration_n, duration_sum_ms, first_at, last_at)
        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        on conflict (project_id, day, skill_name) do update set
          invocations = invocations + excluded.invocations, completed = completed + excluded.completed, failed = failed + excluded.failed,
          abandoned = abandoned + excluded.abandoned, unknown = unknown + excluded.unknown, duration_n = duration_n + excluded.duration_n,
          duration_sum_ms = duration_sum_ms + excluded.duration_sum_ms,
          first_at = min(coalesce(first_at, excluded.first_at), coalesce(excluded.first_at, first_at)),
          last_at = max(coalesce(last_at, excluded.last_at), coalesce(excluded.last_at, last_at))`),
      duration: sqlite.prepare(`insert into duration_daily (project_id, day, skill_name, bucket, n) values (?, ?, ?, ?, ?)
        on conflict (project_id, day, skill_name, bucket) do update set n = n + excluded.n`),
      fact: sqlite.prepare(`insert into skill_facts_daily (project_id, day, skill_name, kind, value, n) values (?, ?, ?, ?, ?, ?)
        on conflict (project_id, day, skill_name, kind, value) do update set n = n + excluded.n`),
      dropEmpty: ['duration_daily', 'skill_facts_daily'].map((table) => sqlite.prepare(`delete from ${table} where project_id = ? and day = ? and n = 0`)),
      clearLog: sqlite.prepare('delete from insight_changes'),
      // Each touched session-day: its runs now, in order, against what the summaries last counted.
      sessions: sqlite
        .prepare(`
        select c.project_id, c.day, c.session_id, old.steps,
          (select json_group_array(json_array(i.skill_name, i.status = 'completed') order by i.started_at, i.id) from skill_invocations as i
            where i.session_id = c.session_id and i.project_id = c.project_id and i.started_at >= c.day and i.started_at < c.day || '~'),
          (select synthetic from sessions where id = c.session_id)
        from insight_dirty_sessions as c left join session_day_steps as old using (project_id, day, session_id)
        where ${NOT_DIRTY}`)
        .raw(),
      saveSteps: sqlite.prepare('insert or replace into session_day_steps (project_id, day, session_id, steps) values (?, ?, ?, ?)'),
      dropSteps: sqlite.prepare('delete from session_day_steps where project_id = ? and day = ? and session_id = ?'),
      addSequence: sqlite.prepare(`insert into sequence_daily (project_id, day, sequence, length, sessions, completed) values (?, ?, ?, ?, ?, ?)
        on conflict (project_id, day, sequence) do update set sessions = sessions + excluded.sessions, completed = completed + excluded.completed`),
      dropSequences: sqlite.prepare('delete from sequence_daily where project_id = ? and day = ? and sessions = 0'),
      addSessionDay: sqlite.prepare(`insert into session_days (project_id, day, sessions) values (?, ?, ?)
        on conflict (project_id, day) do update set sessions = sessions + excluded.sessions`),
      dropSessionDay: sqlite.prepare('delete from session_days where project_id = ? and day = ? and sessions = 0'),
      clearSessions: sqlite.prepare('delete from insight_dirty_sessions'),
    }
  })
}

interface UsageDelta {
  counts: [invocations: number, completed: number, failed: number, abandoned: number, unknown: number, durationN: number, durationSumMs: number]
  firstAt: string | null
  lastAt: string | null
  buckets: Map<number, number>
  facts: Map<string, number>
}

/**
 * Adds what changed since the last refresh to the daily summaries: counts, duration buckets and facts
 * from new runs and from the logged old and new values of updated ones, and sequences from each touched
 * session-day's runs compared with its steps counted before. Days queued for recomputation are skipped
 * (the caller recomputes them). Runs inside the caller's transaction; returns the `project|month` keys touched.
 */
export function applyLoggedChanges(sqlite: BetterSqlite3.Database): Set<string> {
  const s = statements(sqlite)
  const range = { cursor: s.cursor.get() as number, last: s.lastId.get() as number }
  // A backlog this big (a bulk import with no upkeep, a seeded database) is summarised faster by
  // recomputing its days from their rows, one pass each, than as deltas: queue its days instead.
  if (range.last - range.cursor > BACKLOG_AS_DAYS) s.newDays.run(range)
  const usage = new Map<string, UsageDelta>()
  for (const [project, day, skill, status, bucket, errorType, workflowPath, followUps, n, durationSum, firstAt, lastAt] of s.groups.iterate(range) as Iterable<ChangeGroup>) {
    if (n === 0 && firstAt === null) continue
    const key = [project, day, skill].join(FACT_SEPARATOR)
    let u = usage.get(key)
    if (!u) usage.set(key, (u = { counts: [0, 0, 0, 0, 0, 0, 0], firstAt: null, lastAt: null, buckets: new Map(), facts: new Map() }))
    u.counts[0] += n
    const at = STATUS_COLUMN[status]
    if (at !== undefined) u.counts[at]! += n
    if (bucket !== null) {
      u.counts[5] += n
      u.counts[6] += durationSum
      add(u.buckets, bucket, n)
    }
    if (firstAt !== null && (u.firstAt === null || firstAt < u.firstAt)) u.firstAt = firstAt
    if (lastAt !== null && (u.lastAt === null || lastAt > u.lastAt)) u.lastAt = lastAt
    if (errorType !== null) add(u.facts, `error${FACT_SEPARATOR}${errorType}`, n)
    if (workflowPath !== null) add(u.facts, `path${FACT_SEPARATOR}${workflowPath}`, n)
    if (followUps !== '[]') for (const action of JSON.parse(followUps) as unknown[]) if (typeof action === 'string') add(u.facts, `follow-up${FACT_SEPARATOR}${action}`, n)
  }
  const months = new Set<string>()
  const days = new Set<string>()
  for (const [key, u] of usage) {
    const [project, day, skill] = key.split(FACT_SEPARATOR) as [string, string, string]
    days.add(`${project}|${day}`)
    s.usage.run(project, day, skill, ...u.counts, u.firstAt, u.lastAt)
    for (const [bucket, n] of u.buckets) if (n !== 0) s.duration.run(project, day, skill, bucket, n)
    for (const [fact, n] of u.facts) {
      const at = fact.indexOf(FACT_SEPARATOR)
      if (n !== 0) s.fact.run(project, day, skill, fact.slice(0, at), fact.slice(at + 1), n)
    }
  }
  for (const key of days) {
    const [project, day] = key.split('|') as [string, string]
    for (const drop of s.dropEmpty) drop.run(project, day)
    months.add(`${project}|${day.slice(0, 7)}`)
  }
  s.clearLog.run()
  s.newSessions.run(range)
  s.moveCursor.run(range.last)
  for (const key of applySessionChanges(sqlite)) months.add(key)
  s.clearSessions.run()
  return months
}

/** New runs beyond which their days are recomputed rather than added to (measured: 1M runs, 10.3 s as deltas, see bench). */
const BACKLOG_AS_DAYS = 100_000

/** Indexes into UsageDelta.counts. */
const STATUS_COLUMN: Record<string, number> = { completed: 1, failed: 2, abandoned: 3, unknown: 4 }

function add(map: Map<string | number, number>, key: string | number, n: number): void {
  map.set(key, (map.get(key) ?? 0) + n)
}

/** Returns the `project|month` keys whose sequences changed. */
function applySessionChanges(sqlite: BetterSqlite3.Database): Set<string> {
  const s = statements(sqlite)
  const sequences = new Map<string, Map<string, { length: number; sessions: number; completed: number }>>()
  const sessionDays = new Map<string, number>()
  for (const [project, day, session, oldSteps, nowSteps, synthetic] of s.sessions.all() as Array<[number, string, string, string | null, string, number | null]>) {
    const steps = synthetic === 1 || nowSteps === '[]' ? null : nowSteps
    if (steps === oldSteps) continue
    const key = `${project}|${day}`
    const delta = sequences.get(key) ?? new Map()
    sequences.set(key, delta)
    if (oldSteps !== null) addSequences(delta, sequencesOfSession(JSON.parse(oldSteps) as SessionRuns), -1)
    if (steps !== null) addSequences(delta, sequencesOfSession(JSON.parse(steps) as SessionRuns), 1)
    sessionDays.set(key, (sessionDays.get(key) ?? 0) + (steps !== null ? 1 : 0) - (oldSteps !== null ? 1 : 0))
    if (steps === null) s.dropSteps.run(project, day, session)
    else s.saveSteps.run(project, day, session, steps)
  }
  const months = new Set<string>()
  for (const [key, delta] of sequences) {
    const [project, day] = splitKey(key)
    months.add(`${project}|${day.slice(0, 7)}`)
    for (const [sequence, counts] of delta) {
      if (counts.sessions !== 0 || counts.completed !== 0) s.addSequence.run(project, day, sequence, counts.length, counts.sessions, counts.completed)
    }
    s.dropSequences.run(project, day)
    const change = sessionDays.get(key) ?? 0
    if (change !== 0) s.addSessionDay.run(project, day, change)
    s.dropSessionDay.run(project, day)
  }
  return months
}

/** A `project|day` or `project|month` key back into its parts. */
export function splitKey(key: string): [number, string] {
  const at = key.indexOf('|')
  return [Number(key.slice(0, at)), key.slice(at + 1)]
}
