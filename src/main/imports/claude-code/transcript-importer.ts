import type { PromptScoring } from '../../coverage/prompt-scoring'
import fs from 'node:fs'
import path from 'node:path'
import type BetterSqlite3 from 'better-sqlite3'
import type { ImportReport } from '../../../shared/api/tracking'
import { sessionBuddyEvent } from '../../events/event-schema'
import { EventProjector, invocationRef } from '../../ingest/event-projector'
import { findTranscriptFiles } from './transcript-files'
import { OUTCOME_RULES } from '../../outcomes/outcome-rules'
import { LineSplitter } from '../../ingest/line-splitter'
import { TranscriptTranslator, type TranslatedLine } from './transcript-translator'
import { trackedProjects, type TrackedProject } from '../../projects/tracked-projects'
import { keepSummariesCurrent } from '../../insights/summary-upkeep'
import type { MessageUsage } from '../../usage/message-usage'
import { isInsideFolder } from '../../system/files'

type TranscriptEvents = TranslatedLine['events']

export interface TranscriptImportOptions {
  /** Folders or files to read; Claude Code's transcript folders by default. */
  roots: string[]
  /** Only sessions in this project (else every tracked project). */
  projectId?: number
  dryRun?: boolean
  onProgress?: (done: { files: number; totalFiles: number; bytes: number }) => void
  /** The clock that decides whether a quiet transcript's session is over (tests set it). */
  now?: () => number
  /**
   * Readers kept between imports by a long-running follower: a file read again continues where its
   * reader stopped, with its turns in memory, instead of re-reading the open turn from its prompt.
   */
  readers?: Map<string, TranscriptReaderState>
  /** Hands user prompts over to be scored against the catalogue (coverage's missed triggers). */
  promptScoring?: PromptScoring
}

export interface TranscriptReaderState {
  translator: TranscriptTranslator
  identity: string
  /** Bytes and lines consumed. */
  position: number
  line: number
  project: TrackedProject | undefined
}

const LINES_PER_TRANSACTION = 5_000
/**
 * The longest transcript line read. Lines can legitimately be large (a pasted file, an image), so the cap
 * is far above the event log's; a longer line is skipped without being held in memory, and reported.
 */
export const MAX_TRANSCRIPT_LINE_BYTES = 16 * 1024 * 1024

/**
 * Imports skill use from Claude Code transcripts, for sessions whose working folder lies in a
 * registered, tracked project. Streams each file from where the last import stopped; every row is
 * keyed by the transcript's own ids (tool_use id, message uuid), so importing a file again, a resumed
 * copy or a sub-agent file adds nothing twice. A dry run reads and translates the same way but writes
 * nothing: it never holds a write transaction on the connection it shares with the app (it used to hold
 * one across awaits, and the app's own writes in between were rolled back with it).
 */
export async function importTranscripts(sqlite: BetterSqlite3.Database, options: TranscriptImportOptions): Promise<ImportReport> {
  const report: ImportReport = {
    source: 'claude-code',
    dryRun: options.dryRun ?? false,
    files: 0,
    bytes: 0,
    sessions: 0,
    invocationsFound: 0,
    invocationsAdded: 0,
    skipped: {},
    problems: [],
    validation: [],
  }
  const projects: TrackedProject[] = trackedProjects(sqlite, options.projectId)
  if (projects.length === 0) return report
  /** Folders of lines that belong to no registered project, and how many lines each. */
  const outside = new Map<string, number>()

  const projector = new EventProjector(sqlite, options.promptScoring)
  // Raw statements prepared once: they run per line or per batch of a bulk import (a hot path).
  const knownSkill = sqlite.prepare('select skill_name from skill_invocations where source_ref = ?').pluck()
  // Rows added are counted by id range (the primary key), not by a scan: the live follower imports per appended line.
  const lastId = sqlite.prepare('select coalesce(max(id), 0) from skill_invocations').pluck()
  const countSince = sqlite.prepare("select count(*) from skill_invocations where id > ? and source = 'transcript'").pluck()
  const getOffset = sqlite.prepare("select offset, line, identity from ingest_files where path = ? and kind = 'transcript'")
  const saveOffset = sqlite.prepare(`
    insert into ingest_files (project_id, path, kind, offset, line, size, identity, updated_at) values (@project, @path, 'transcript', @offset, @line, @size, @identity, @now)
    on conflict (path) do update set offset = excluded.offset, line = excluded.line, size = excluded.size, identity = excluded.identity, updated_at = excluded.updated_at`)
  // Raw, like the statements around them: run once per transcript file of an import.
  const getOutside = sqlite.prepare('select size, mtime_ms, checked_at from transcripts_outside_projects where path = ?')
  const saveOutside = sqlite.prepare(`
    insert into transcripts_outside_projects (path, size, mtime_ms, checked_at) values (@path, @size, @mtime, @now)
    on conflict (path) do update set size = excluded.size, mtime_ms = excluded.mtime_ms, checked_at = excluded.checked_at`)
  // A file outside every project is read again once a project is registered or switched after it was read.
  const projectsChangedAt = (sqlite.prepare('select max(max(registered_at, updated_at)) from projects').pluck().get() as string | null) ?? ''
  // Only an import over every tracked project can say a file belongs to none of them.
  const remembersOutside = !report.dryRun && options.projectId === undefined
  // A reply seen again (a resumed or forked copy, or a re-read) keeps its first row: insert or ignore.
  const saveUsage = sqlite.prepare(`insert or ignore into token_usage
    (dedupe_key, project_id, session_id, ts, model, input_tokens, output_tokens, cache_creation_tokens, cache_read_tokens)
    values (?, ?, ?, ?, ?, ?, ?, ?, ?)`)
  const saveToolCall = sqlite.prepare("insert or ignore into tool_calls (tool_use_id, project_id, session_id, name, started_at) values (?, ?, ?, ?, ?)")
  // A result settles its call once; a copy of the line in a resumed file finds it settled already.
  const saveToolResult = sqlite.prepare(`update tool_calls set status = ?, duration_ms = max(0, cast(round((julianday(?) - julianday(started_at)) * 86400000) as integer))
    where tool_use_id = ? and status = 'pending'`)
  const saveSessionFile = sqlite.prepare('insert or ignore into session_files (session_id, path, project_id) values (?, ?, ?)')
  const touchSessionEnd = sqlite.prepare('update sessions set ended_at = max(coalesce(ended_at, started_at), ?) where id = ?')
  const sessionsSeen = new Set<string>()
  const now = options.now ?? Date.now
  const before = lastId.get() as number
  /** A dry run's count: invocations neither stored nor seen earlier in this run. */
  const wouldAdd = new Set<string>()

  const files = findTranscriptFiles(options.roots)
  const importFile = async (file: string) => {
    const stat = fs.statSync(file)
    const identity = `${stat.dev}:${stat.ino}`
    const saved = getOffset.get(file) as { offset: number; line: number; identity: string } | undefined
    const kept = report.dryRun ? undefined : options.readers?.get(file)
    const continued = kept && kept.identity === identity && kept.position <= stat.size ? kept : undefined
    const resume = continued
      ? { offset: continued.position, line: continued.line }
      : saved && saved.identity === identity && saved.offset <= stat.size
        ? saved
        : { offset: 0, line: 0 }
    // Read to its end before (no turn left open, or the offset would be at its prompt): not even opened.
    if (!continued && saved && resume === saved && saved.offset === stat.size) return
    if (!saved && remembersOutside) {
      const outside = getOutside.get(file) as { size: number; mtime_ms: number; checked_at: string } | undefined
      if (outside && outside.size === stat.size && outside.mtime_ms === stat.mtimeMs && outside.checked_at >= projectsChangedAt) return
    }
    const translator = continued?.translator ?? new TranscriptTranslator(path.basename(file, '.jsonl'), (id) => knownSkill.get(invocationRef(id)) as string | undefined)
    // Offsets are kept only for files that belong to a registered project: a file of an unregistered
    // folder is read again once that folder is registered.
    let fileProject: TrackedProject | undefined = continued?.project
    let lineNumber = resume.line
    let batch: Array<() => void> = []
    const lastSeen = new Map<string, string>()
    let committedOffset = resume.offset

    const commit = (offset: number) => {
      const work = batch
      batch = []
      const ends = [...lastSeen]
      lastSeen.clear()
      // A turn whose runs are not settled yet is read again next time, so their outcomes are re-derived whole.
      const resume = translator.resumePoint() ?? { offset, line: lineNumber }
      const run = () => {
        for (const apply of work) apply()
        for (const [sessionId, ts] of ends) touchSessionEnd.run(ts, sessionId)
        if (fileProject) saveOffset.run({ project: fileProject.id, path: file, offset: resume.offset, line: resume.line, size: stat.size, identity, now: new Date().toISOString() })
      }
      if (!report.dryRun) {
        // Immediate: a batch may read before it writes while the app writes too (see docs/reliability.md).
        sqlite.transaction(run).immediate()
        keepSummariesCurrent(sqlite)
      }
      report.bytes += offset - committedOffset
      committedOffset = offset
    }

    const queue = (events: TranscriptEvents, project: TrackedProject, line: number) => {
      for (const event of events) {
        if (event.type === 'skill.invoked') report.invocationsFound++
        const parsed = sessionBuddyEvent.safeParse({ ...event, v: 1 })
        if (!parsed.success) {
          report.problems.push({ file, line, message: parsed.error.issues[0]?.message ?? 'invalid' })
          continue
        }
        if (report.dryRun) {
          if (parsed.data.type === 'skill.invoked') {
            const ref = invocationRef(parsed.data.invocation_id)
            if (knownSkill.get(ref) === undefined) wouldAdd.add(ref)
          }
          continue
        }
        batch.push(() => projector.apply(parsed.data, project, 'transcript'))
      }
    }

    /** Replies read before their session named its folder: counted once it does (every line of a session is its project's). */
    const usageBeforeCwd = new Map<string, Array<{ usage: MessageUsage; key: string; ts: string }>>()
    const sessionsOfFile = new Set<string>()
    // One reply is written over several lines (thinking, text, each tool call): the first one is enough.
    const repliesSeen = new Set<string>()
    const queueUsage = (sessionId: string, project: TrackedProject, usage: MessageUsage, key: string, ts: string) => {
      if (report.dryRun || repliesSeen.has(key)) return
      repliesSeen.add(key)
      batch.push(() => saveUsage.run(key, project.id, sessionId, ts, usage.model, usage.inputTokens, usage.outputTokens, usage.cacheCreationTokens, usage.cacheReadTokens))
    }

    const splitter = new LineSplitter(MAX_TRANSCRIPT_LINE_BYTES, resume.line)
    let position = resume.offset
    for await (const chunk of fs.createReadStream(file, { start: resume.offset, highWaterMark: 1024 * 1024 }) as AsyncIterable<Buffer>) {
      for (const cut of splitter.push(chunk, position)) {
        lineNumber = cut.line
        if (cut.kind === 'too-long') {
          report.problems.push({ file, line: cut.line, message: `a line of ${cut.bytes} bytes is over the ${MAX_TRANSCRIPT_LINE_BYTES} byte limit for one transcript line: skipped` })
          continue
        }
        const text = cut.text.trim()
        if (!text) continue
        const translated = translator.translate(text, { offset: cut.start, line: cut.line - 1 })
        if ('skipped' in translated) {
          report.skipped[translated.skipped] = (report.skipped[translated.skipped] ?? 0) + 1
          continue
        }
        const project = translated.cwd ? projects.find((p) => isInsideFolder(translated.cwd!, p.path)) : undefined
        const usageKey = translated.usage && (translated.usage.dedupeKey ?? `${file}#${cut.start}`)
        if (!translated.cwd && translated.usage) {
          const held = usageBeforeCwd.get(translated.sessionId) ?? []
          held.push({ usage: translated.usage, key: usageKey!, ts: translated.ts })
          usageBeforeCwd.set(translated.sessionId, held)
        }
        if (!project) {
          const reason = translated.cwd ? 'outside-registered-projects' : 'no-cwd'
          report.skipped[reason] = (report.skipped[reason] ?? 0) + 1
          if (translated.cwd) outside.set(translated.cwd, (outside.get(translated.cwd) ?? 0) + 1)
          continue
        }
        fileProject ??= project
        sessionsSeen.add(translated.sessionId)
        if (!report.dryRun && !sessionsOfFile.has(translated.sessionId)) {
          sessionsOfFile.add(translated.sessionId)
          const sessionId = translated.sessionId
          batch.push(() => saveSessionFile.run(sessionId, file, project.id))
        }
        queue(translated.events, project, lineNumber)
        for (const held of usageBeforeCwd.get(translated.sessionId) ?? []) queueUsage(translated.sessionId, project, held.usage, held.key, held.ts)
        usageBeforeCwd.delete(translated.sessionId)
        if (translated.usage) queueUsage(translated.sessionId, project, translated.usage, usageKey!, translated.ts)
        if (!report.dryRun && (translated.toolCalls.length || translated.toolResults.length)) {
          const { sessionId, ts, toolCalls, toolResults } = translated
          batch.push(() => {
            for (const call of toolCalls) saveToolCall.run(call.id, project.id, sessionId, call.name, ts)
            for (const result of toolResults) saveToolResult.run(result.failed ? 'error' : 'ok', ts, result.id)
          })
        }
        // The session's last moment is written once per transaction, not once per line.
        const seen = lastSeen.get(translated.sessionId)
        if (!seen || translated.ts > seen) lastSeen.set(translated.sessionId, translated.ts)
        if (batch.length >= LINES_PER_TRANSACTION) commit(cut.end)
      }
      position += chunk.length
    }
    lineNumber = splitter.line
    const consumed = position - splitter.pendingBytes
    // A transcript quiet for long enough belongs to a session that is over: settle the runs still open.
    if (fileProject && now() - stat.mtimeMs >= OUTCOME_RULES.sessionIdleEndMs) queue(translator.sessionsOver(), fileProject, lineNumber)
    // A last line without its newline may still be being written: it waits for the next import.
    commit(consumed)
    if (!fileProject && remembersOutside) saveOutside.run({ path: file, size: stat.size, mtime: stat.mtimeMs, now: new Date().toISOString() })
    if (options.readers && !report.dryRun) options.readers.set(file, { translator, identity, position: consumed, line: lineNumber, project: fileProject })
  }

  for (const file of files) {
    try {
      await importFile(file)
    } catch (error) {
      // One unreadable transcript never stops the others; what it had committed stays.
      report.problems.push({ file, message: `not read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}` })
    }
    report.files++
    options.onProgress?.({ files: report.files, totalFiles: files.length, bytes: report.bytes })
  }
  report.invocationsAdded = report.dryRun ? wouldAdd.size : (countSince.get(before) as number)
  report.sessions = sessionsSeen.size
  report.outsideFolders = [...outside]
    .map(([folder, lines]) => ({ folder, lines }))
    .sort((a, b) => b.lines - a.lines || a.folder.localeCompare(b.folder))
    .slice(0, OUTSIDE_FOLDERS_LISTED)
  return report
}

/** The folders named in an import report as outside every registered project: the busiest ones. */
const OUTSIDE_FOLDERS_LISTED = 20

