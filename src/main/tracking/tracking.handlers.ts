import type BetterSqlite3 from 'better-sqlite3'
import type { IngestErrorView } from '../../shared/api/tracking'
import type { ChangeBus } from '../api/change-bus'
import type { DomainHandlers } from '../api/handler-types'
import { importTranscripts } from '../imports/claude-code/transcript-importer'
import { claudeTranscriptRoots } from '../imports/claude-code/transcript-roots'
import { importLegacy } from '../imports/legacy/legacy-importer'
import type { IngestService } from '../ingest/ingest-service'
import { listSessions, skillMetrics } from '../metrics/skill-metrics.repository'
import { rebuildDerivedRows } from '../outcomes/rebuild'

export function createTrackingHandlers(
  sqlite: BetterSqlite3.Database,
  ingest: IngestService,
  changes: ChangeBus,
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
      (
        sqlite
          .prepare(
            `select e.id, e.project_id, p.name as project_name, e.file_path, e.line, e.reason, e.excerpt, e.created_at
             from ingest_errors e join projects p on p.id = e.project_id
             where (@project is null or e.project_id = @project) order by e.id desc limit @limit`,
          )
          .all({ project: projectId ?? null, limit: limit ?? 200 }) as Array<Record<string, unknown>>
      ).map(
        (r): IngestErrorView => ({
          id: r.id as number,
          projectId: r.project_id as number,
          projectName: r.project_name as string,
          file: r.file_path as string,
          line: r.line as number | null,
          reason: r.reason as string,
          excerpt: r.excerpt as string | null,
          createdAt: r.created_at as string,
        }),
      ),
    'import-run': async ({ source, projectId, dryRun, from }) => {
      const report =
        source === 'claude-code'
          ? await importTranscripts(sqlite, {
              roots: from ?? claudeTranscriptRoots(),
              projectId,
              dryRun,
              onProgress: ({ files, totalFiles, bytes }) =>
                changes.progress({ task: 'import:claude-code', done: files, total: totalFiles, detail: `${(bytes / 1e6).toFixed(1)} MB read` }),
            })
          : importLegacy(sqlite, { projectId, dryRun })
      if (!report.dryRun && report.invocationsAdded + report.sessions > 0) changes.publish('sessions', 'skills', 'projects')
      return report
    },
  }
}
