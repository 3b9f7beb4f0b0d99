import fs from 'node:fs'
import path from 'node:path'
import BetterSqlite3 from 'better-sqlite3'
import type { ImportReport } from '../../../shared/api/tracking'
import { SESSION_BUDDY_DIR } from '../../events/event-log-paths'
import { nativeBindingPath } from '../../storage/native-binding'
import { isFile } from '../../system/files'
import { legacyStatus, parseLegacyMetrics, validateLegacyMetrics } from './legacy-json'
import { trackedProjects } from '../../projects/tracked-projects'
import { keepSummariesCurrent } from '../../insights/summary-upkeep'
import { sameSkill } from '../../catalogue/skill-names'
import { requestHash, SHOWN_KEPT } from '../../recommendations/recommendation-log'

interface LegacyRow {
  sessionId: string
  /** The session id was made up here (the source has none): kept out of sequences and correlation. */
  synthetic: boolean
  skill: string
  status: 'completed' | 'failed' | 'abandoned'
  startedAt: string
  /** The source gave no time: startedAt is the file's last change, an upper bound, and the row says so. */
  timeUnknown: boolean
  durationMs: number | null
  errorType: string | null
  workflowPath: string | null
  userQuery: string | null
  followUps: string[]
  /** What the old tracker says was considered before this skill was chosen, and the chosen one's rank. */
  alternatives: string[]
  selectionRank: number | null
  source: 'legacy-json' | 'legacy-sqlite'
  ref: string
}

export function legacyPaths(projectPath: string) {
  const dir = path.join(projectPath, SESSION_BUDDY_DIR)
  return {
    json: path.join(dir, 'skill_metrics.json'),
    sqlite: path.join(dir, 'skills.db'),
    // crackerjack's compatibility layer wrote into a folder named skills.db by mistake.
    nestedSqlite: path.join(dir, 'skills.db', 'skills.db'),
  }
}

/**
 * Imports a project's legacy files: crackerjack's skill_metrics.json (validated against its own summary)
 * and session-buddy's skills.db in either layout, opened read-only. Each file imports whole or not at
 * all, and rows are keyed by file position so a second import adds nothing.
 */
export function importLegacy(
  sqlite: BetterSqlite3.Database,
  options: { projectId?: number; dryRun?: boolean },
): ImportReport {
  const report: ImportReport = { source: 'legacy', dryRun: options.dryRun ?? false, files: 0, bytes: 0, sessions: 0, invocationsFound: 0, invocationsAdded: 0, skipped: {}, problems: [], validation: [] }
  const projects = trackedProjects(sqlite, options.projectId)
  const sessions = new Set<string>()
  // Raw, prepared once: run for every legacy row (a bulk writer's check).
  const alreadyStored = sqlite.prepare('select 1 from skill_invocations where source_ref = ?')

  for (const project of projects) {
    const paths = legacyPaths(project.path)
    const sources: Array<[string, () => LegacyRow[]]> = []
    if (isFile(paths.json)) sources.push([paths.json, () => readLegacyJson(paths.json, project.id, report)])
    if (isFile(paths.sqlite)) sources.push([paths.sqlite, () => readLegacySqlite(paths.sqlite, project.id)])
    if (isFile(paths.nestedSqlite)) sources.push([paths.nestedSqlite, () => readLegacySqlite(paths.nestedSqlite, project.id)])
    for (const [file, read] of sources) {
      let rows: LegacyRow[]
      try {
        rows = read()
      } catch (error) {
        report.problems.push({ file, message: (error as Error).message })
        continue
      }
      report.files++
      report.bytes += fs.statSync(file).size
      report.invocationsFound += rows.length
      for (const row of rows) sessions.add(row.sessionId)
      if (!report.dryRun) report.invocationsAdded += storeRows(sqlite, project.id, project.storePrompts, rows)
      else report.invocationsAdded += rows.filter((r) => !alreadyStored.get(r.ref)).length
    }
  }
  report.sessions = sessions.size
  return report
}

function readLegacyJson(file: string, projectId: number, report: ImportReport): LegacyRow[] {
  const data = parseLegacyMetrics(file, fs.readFileSync(file, 'utf8'))
  report.validation.push(validateLegacyMetrics(file, data))
  const seen = new Map<string, number>()
  return data.invocations.map((i) => {
    const started = new Date(i.invoked_at) // naive local time, as Python's datetime.now() wrote it
    if (Number.isNaN(started.getTime())) throw new Error(`${file}: invoked_at "${i.invoked_at}" is not a date; nothing was imported`)
    const key = `${i.skill_name}@${i.invoked_at}`
    const occurrence = (seen.get(key) ?? 0) + 1
    seen.set(key, occurrence)
    return {
      // The format has no session ids: one made-up session per project and day keeps a day's skills
      // together on the timeline; it is marked synthetic, so no sequence or correlation is read from it.
      sessionId: `legacy:${projectId}:${started.toISOString().slice(0, 10)}`,
      synthetic: true,
      skill: i.skill_name,
      status: legacyStatus(i),
      startedAt: started.toISOString(),
      timeUnknown: false,
      durationMs: i.duration_seconds == null ? null : Math.round(i.duration_seconds * 1000),
      errorType: i.error_type ?? null,
      workflowPath: i.workflow_path ?? null,
      userQuery: null,
      followUps: i.follow_up_actions ?? [],
      alternatives: i.alternatives_considered ?? [],
      selectionRank: i.selection_rank ?? null,
      source: 'legacy-json',
      ref: `legacy-json:${projectId}:${key}#${occurrence}`,
    }
  })
}

function readLegacySqlite(file: string, projectId: number): LegacyRow[] {
  const db = new BetterSqlite3(file, { readonly: true, fileMustExist: true, nativeBinding: nativeBindingPath() })
  try {
    // A foreign database of another tool's schema, opened read-only: no typed schema describes it.
    const tables = db.prepare("select name from sqlite_master where type = 'table'").pluck().all() as string[]
    const table = tables.includes('skill_invocation') ? 'skill_invocation' : tables.includes('skill_invocations') ? 'skill_invocations' : null
    if (!table) throw new Error(`${file}: no skill_invocation or skill_invocations table; nothing was imported`)
    const columns = new Set((db.prepare(`pragma table_info(${table})`).all() as Array<{ name: string }>).map((c) => c.name))
    const rows = db.prepare(`select * from ${table} order by id`).all() as Array<Record<string, unknown>>
    const fileChanged = fs.statSync(file).mtime.toISOString()
    return rows.map((r) => {
      const started = sqliteTime(r.invoked_at ?? r.created_at)
      const ended = columns.has('completed_at') ? sqliteTime(r.completed_at) : null
      const durationMs =
        typeof r.duration_seconds === 'number' ? Math.round(r.duration_seconds * 1000) : started && ended ? Math.max(0, Date.parse(ended) - Date.parse(started)) : null
      const completed = Boolean(r.completed)
      return {
        sessionId: String(r.session_id ?? `legacy:${projectId}`),
        synthetic: r.session_id == null,
        skill: String(r.skill_name),
        status: completed ? 'completed' : r.error_type ? 'failed' : 'abandoned',
        startedAt: started ?? fileChanged,
        timeUnknown: started === null,
        durationMs,
        errorType: (r.error_type as string | null) ?? null,
        workflowPath: ((r.workflow_path ?? r.workflow_phase) as string | null) ?? null,
        userQuery: (r.user_query as string | null) ?? null,
        followUps: parseJsonArray(r.follow_up_actions),
        alternatives: parseJsonArray(r.alternatives_considered),
        selectionRank: typeof r.selection_rank === 'number' && Number.isInteger(r.selection_rank) && r.selection_rank > 0 ? r.selection_rank : null,
        source: 'legacy-sqlite',
        ref: `legacy-sqlite:${projectId}:${table}:${String(r.id)}`,
      }
    })
  } finally {
    db.close()
  }
}

function storeRows(sqlite: BetterSqlite3.Database, projectId: number, storePrompts: boolean, rows: LegacyRow[]): number {
  // Raw statements prepared once for the bulk insert of every legacy row.
  const ensureSession = sqlite.prepare(`
    insert into sessions (id, project_id, started_at, source, created_at, synthetic) values (?, ?, ?, ?, ?, ?)
    on conflict (id) do update set started_at = min(started_at, excluded.started_at)`)
  // The old tracker's completer said how each run ended: an explicit outcome.
  const insert = sqlite.prepare(`
    insert into skill_invocations (project_id, session_id, skill_name, status, started_at, ended_at, duration_ms, error_type, workflow_path, user_query,
      follow_up_actions, source, source_ref, outcome_source, time_unknown)
    values (@project, @session, @skill, @status, @startedAt, @endedAt, @duration, @errorType, @workflowPath, @userQuery, @followUps, @source, @ref, 'explicit', @timeUnknown)
    on conflict (source_ref) do nothing`)
  const runId = sqlite.prepare('select id from skill_invocations where source_ref = ?').pluck()
  const saveRecommendation = sqlite.prepare(`
    insert into recommendations (source, created_at, session_id, project_id, request_hash, request_text, shown, runs_before, resolved, run_id, run_skill, run_rank, legacy_ref)
    values ('legacy', ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?) on conflict (legacy_ref) do nothing`)
  let added = 0
  sqlite.transaction(() => {
    const now = new Date().toISOString()
    for (const row of rows) {
      ensureSession.run(row.sessionId, projectId, row.startedAt, row.source, now, row.synthetic ? 1 : 0)
      const inserted = insert.run({
        project: projectId,
        session: row.sessionId,
        skill: row.skill,
        status: row.status,
        startedAt: row.startedAt,
        endedAt: row.durationMs === null || row.timeUnknown ? null : new Date(Date.parse(row.startedAt) + row.durationMs).toISOString(),
        timeUnknown: row.timeUnknown ? 1 : 0,
        duration: row.durationMs,
        errorType: row.errorType,
        workflowPath: row.workflowPath,
        userQuery: storePrompts ? row.userQuery : null,
        followUps: JSON.stringify(row.followUps),
        source: row.source,
        ref: row.ref,
      }).changes
      added += inserted
      if (inserted) recordLegacyRecommendation(saveRecommendation, projectId, storePrompts, row, runId.get(row.ref) as number)
    }
  }).immediate()
  keepSummariesCurrent(sqlite)
  return added
}

/**
 * The old tracker's `alternatives_considered` and `selection_rank` as a settled recommendation: the
 * skills considered, in order (the chosen one placed at its rank when the list leaves it out), linked
 * to the run it led to. A row with neither says nothing about a recommendation and records none.
 */
function recordLegacyRecommendation(save: BetterSqlite3.Statement, projectId: number, storePrompts: boolean, row: LegacyRow, runId: number): void {
  if (row.alternatives.length === 0 && row.selectionRank === null) return
  const shown = [...row.alternatives]
  if (!shown.some((s) => sameSkill(row.skill, s))) shown.splice(Math.min(shown.length, (row.selectionRank ?? shown.length + 1) - 1), 0, row.skill)
  const rank = row.selectionRank ?? shown.findIndex((s) => sameSkill(row.skill, s)) + 1
  save.run(
      row.startedAt,
      row.synthetic ? null : row.sessionId,
      projectId,
      requestHash(row.userQuery ?? ''),
      storePrompts ? row.userQuery : null,
      JSON.stringify(shown.slice(0, SHOWN_KEPT).map((skill) => ({ skill, score: null }))),
      runId - 1,
      runId,
      row.skill,
      rank,
      row.ref,
    )
}

/** SQLite CURRENT_TIMESTAMP text is UTC without a zone; ISO text with a zone is kept as it says. */
function sqliteTime(value: unknown): string | null {
  if (typeof value !== 'string' || !value) return null
  const iso = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d+)?$/.test(value) ? `${value.replace(' ', 'T')}Z` : value
  const ms = Date.parse(iso)
  return Number.isNaN(ms) ? null : new Date(ms).toISOString()
}

function parseJsonArray(value: unknown): string[] {
  if (typeof value !== 'string') return []
  try {
    const parsed: unknown = JSON.parse(value)
    return Array.isArray(parsed) ? parsed.map(String) : []
  } catch {
    return []
  }
}
