import type { Migration, MigrationProvider } from 'kysely'
import * as initial from './2026-11-25-001-initial'
import * as appSettings from './2026-11-25-002-app-settings'
import * as promptsAndIngest from './2026-11-25-003-prompts-and-ingest'
import * as textEmbeddings from './2026-11-25-004-text-embeddings'
import * as insightSummaries from './2026-11-25-005-insight-summaries'
import * as runOutcomes from './2026-12-01-006-run-outcomes'
import * as ingestFileMtime from './2026-12-02-007-ingest-file-mtime'
import * as transcriptsOutsideProjects from './2026-12-02-008-transcripts-outside-projects'
import * as skillFacts from './2026-12-02-009-skill-facts'
import * as insightChangeLog from './2026-12-02-010-insight-change-log'
import * as settledEventFiles from './2026-12-02-011-settled-event-files'
import * as tokenUsage from './2026-12-02-012-token-usage'
import * as toolCalls from './2026-12-02-013-tool-calls'
import * as sessionFiles from './2026-12-02-014-session-files'
import * as promptMatches from './2026-12-02-015-prompt-matches'
import * as recommendations from './2026-12-02-016-recommendations'
import * as failedRunsIndex from './2026-12-02-017-failed-runs-index'

/**
 * Every migration, listed statically so bundling keeps them (no folder scan at run time).
 * Names sort by date; a landed migration is never edited, only followed by a new one.
 */
export const migrations: Record<string, Migration> = {
  '2026-11-25-001-initial': initial,
  '2026-11-25-002-app-settings': appSettings,
  '2026-11-25-003-prompts-and-ingest': promptsAndIngest,
  '2026-11-25-004-text-embeddings': textEmbeddings,
  '2026-11-25-005-insight-summaries': insightSummaries,
  '2026-12-01-006-run-outcomes': runOutcomes,
  '2026-12-02-007-ingest-file-mtime': ingestFileMtime,
  '2026-12-02-008-transcripts-outside-projects': transcriptsOutsideProjects,
  '2026-12-02-009-skill-facts': skillFacts,
  '2026-12-02-010-insight-change-log': insightChangeLog,
  '2026-12-02-011-settled-event-files': settledEventFiles,
  '2026-12-02-012-token-usage': tokenUsage,
  '2026-12-02-013-tool-calls': toolCalls,
  '2026-12-02-014-session-files': sessionFiles,
  '2026-12-02-015-prompt-matches': promptMatches,
  '2026-12-02-016-recommendations': recommendations,
  '2026-12-02-017-failed-runs-index': failedRunsIndex,
}

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
}
