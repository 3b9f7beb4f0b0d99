import type { PromptScoring } from '../coverage/prompt-scoring'
import type BetterSqlite3 from 'better-sqlite3'
import type { ImportReport, IngestErrorView } from '../../shared/api/tracking'
import type { ChangeBus } from '../api/change-bus'
import type { DomainHandlers } from '../api/handler-types'
import { importTranscripts } from '../imports/claude-code/transcript-importer'
import { claudeTranscriptRoots } from '../imports/claude-code/transcript-roots'
import { importLegacy } from '../imports/legacy/legacy-importer'
import type { IngestService } from '../ingest/ingest-service'
import { listSessions, skillMetrics } from '../metrics/skill-metrics.repository'
import { rebuildDerivedRows } from '../outcomes/rebuild'
import { all, query } from '../storage/typed-query'

/** One line for the "import finished" notification. */
export function importSummary(report: ImportReport): string {
  const from = report.source === 'claude-code' ? `${report.files} transcript${report.files === 1 ? '' : 's'}` : 'the legacy files'
  const problems = report.problems.length ? `; ${report.problems.length} problem${report.problems.length === 1 ? '' : 's'}, see the Projects page` : ''
  return `${report.invocationsAdded} skill run${report.invocationsAdded === 1 ? '' : 's'} added from ${from}${problems}`
}

export function createTrackingHandlers(
  sqlite: BetterSqlite3.Database,
  ingest: IngestService,
  changes: ChangeBus,
  promptScoring?: PromptScoring,
): DomainHandlers<'skills-metrics' | 'sessions-list' | 'ingest-run' | 'ingest-errors' | 'import-run' | 'outcomes-rebuild'> {
  return {
    'outcomes-rebuild': async () => {
      // Through the ingest queue, so no watcher reads a file while offsets are reset.
      const report = await ingest.exclusively(() => rebuildDerivedRows(sqlite, { transcriptRoots: claudeTranscriptRoots(), onProgress: (p) => changes.progress(p) }))
      changes.publish('sessions', 'skills', 'projects')
      return report
    },
    'skills-metrics': async (input) => skillMetrics(sqlite, { scope: 'all', ...input }),
    'sessions-list': async ({ projectId, limit }) => listSessions(sqlite, { projectId, limit }),
    'ingest-run': async ({ projectId }) => ingest.catchUp(projectId),
    'ingest-errors': async ({ projectId, limit }) =>
      all(
        sqlite,
        query
          .selectFrom('ingest_errors as e')
          .innerJoin('projects as p', 'p.id', 'e.project_id')
          .select(['e.id', 'e.project_id', 'p.name as project_name', 'e.file_path', 'e.line', 'e.reason', 'e.excerpt', 'e.created_at'])
          .$if(projectId !== undefined, (q) => q.where('e.project_id', '=', projectId!))
          .orderBy('e.id', 'desc')
          .limit(limit ?? 200),
      ).map(
        (r): IngestErrorView => ({
          id: r.id,
          projectId: r.project_id,
          projectName: r.project_name,
          file: r.file_path,
          line: r.line,
          reason: r.reason,
          excerpt: r.excerpt,
          createdAt: r.created_at,
        }),
      ),
    'import-run': async ({ source, projectId, dryRun, from }) => {
      const report =
        source === 'claude-code'
          ? await importTranscripts(sqlite, {
              roots: from ?? claudeTranscriptRoots(),
              projectId,
              promptScoring,
              dryRun,
              onProgress: ({ files, totalFiles, bytes }) =>
                changes.progress({ task: 'import:claude-code', done: files, total: totalFiles, detail: `${(bytes / 1e6).toFixed(1)} MB read` }),
            })
          : importLegacy(sqlite, { projectId, dryRun })
      if (!report.dryRun && report.invocationsAdded + report.sessions > 0) changes.publish('sessions', 'skills', 'projects')
      if (!report.dryRun) changes.finished({ task: `import:${source}`, summary: importSummary(report) })
      return report
    },
  }
}
