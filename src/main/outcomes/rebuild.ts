import type BetterSqlite3 from 'better-sqlite3'
import { z } from 'zod'
import type { ProgressReport } from '../../shared/api/changes'
import type { RebuildReport } from '../../shared/api/tracking'
import { importTranscripts } from '../imports/claude-code/transcript-importer'
import { EventFileIngester } from '../ingest/event-file-ingester'
import { listEventFiles } from '../events/event-log-paths'
import { readSetting, writeSetting } from '../system/app-settings'
import { CURRENT_DERIVATION } from './outcome-rules'
import { execute, first, query } from '../storage/typed-query'
import { trackedProjects } from '../projects/tracked-projects'

const DERIVATION_SETTING = 'outcomes.derivation'


/** Whether the derived rows predate the current way of deriving outcomes (see CURRENT_DERIVATION). */
export function rebuildNeeded(sqlite: BetterSqlite3.Database): boolean {
  const done = readSetting(sqlite, DERIVATION_SETTING, z.number().int(), 0)
  if (done >= CURRENT_DERIVATION) return false
  // A database with nothing of an older derivation has nothing to rebuild.
  const older = first(sqlite, query.selectFrom('skill_invocations').select('id').where('derivation', '<', CURRENT_DERIVATION).limit(1))
  if (!older) writeSetting(sqlite, DERIVATION_SETTING, CURRENT_DERIVATION)
  return older !== undefined
}

/**
 * Re-derives every derived row from the sources still on disk: each tracked project's event log and
 * the Claude Code transcripts. Offsets are forgotten and every file is read again; rows are keyed by
 * the sources' own ids, so nothing is counted twice, and a start seen again resets an older
 * derivation's outcome so the lines after it decide anew. Rows whose source is gone keep what an
 * older derivation said and are marked as such (derivation < CURRENT_DERIVATION).
 */
export async function rebuildDerivedRows(
  sqlite: BetterSqlite3.Database,
  options: { transcriptRoots: string[]; onProgress?: (report: ProgressReport) => void; now?: () => number },
): Promise<RebuildReport> {
  const started = performance.now()
  const eventFiles = trackedProjects(sqlite).flatMap((project) => listEventFiles(project.path).map((file) => ({ file, project })))
  execute(sqlite, query.deleteFrom('ingest_files'))
  execute(sqlite, query.deleteFrom('transcripts_outside_projects'))

  const ingester = new EventFileIngester(sqlite)
  let done = 0
  for (const { file, project } of eventFiles) {
    try {
      await ingester.ingestAsync(file, project)
    } catch (error) {
      // As in ingest: a file that cannot be read is reported against itself, and the rebuild goes on.
      ingester.recordFileProblem(file, project, `not read: ${(error as Error).message}`)
    }
    options.onProgress?.({ task: 'rebuild', done: ++done, total: eventFiles.length, detail: 'event logs' })
  }
  const transcripts = await importTranscripts(sqlite, {
    roots: options.transcriptRoots,
    now: options.now,
    onProgress: ({ files, totalFiles, bytes }) => options.onProgress?.({ task: 'rebuild', done: files, total: totalFiles, detail: `transcripts, ${(bytes / 1e6).toFixed(1)} MB read` }),
  })
  const counts = first(
    sqlite,
    query
      .selectFrom('skill_invocations')
      .select((eb) => [
        eb.fn.sum<number | null>(eb('derivation', '>=', CURRENT_DERIVATION)).as('rederived'),
        eb.fn.sum<number | null>(eb('derivation', '<', CURRENT_DERIVATION)).as('older'),
      ]),
  )!
  writeSetting(sqlite, DERIVATION_SETTING, CURRENT_DERIVATION)
  return {
    eventFiles: eventFiles.length,
    transcriptFiles: transcripts.files,
    rederived: counts.rederived ?? 0,
    olderDerivation: counts.older ?? 0,
    ms: Math.round(performance.now() - started),
  }
}
