import { ChangeBus } from './api/change-bus'
import type { Handlers } from './api/handler-types'
import { createProjectHandlers } from './projects/project.service'
import { databasePath, resolveDataDir } from './storage/data-dir'
import type { AppDatabase } from './storage/database'
import { replaceBackups, takeDailyBackupIfDue } from './storage/backups'
import { describeRecovery, openDatabaseWithRecovery } from './recovery/open-with-recovery'
import type { RecoveryReport } from '../shared/api/system'
import { keepDailyBackups } from './recovery/recovery-settings'
import { watchExternalChanges } from './storage/external-changes'
import { createSystemHandlers } from './system/system.handlers'
import { IngestService } from './ingest/ingest-service'
import { createTrackingHandlers } from './tracking/tracking.handlers'
import { createCorrelationHandlers } from './correlation/correlation.handlers'
import { CatalogueService } from './catalogue/catalogue.service'
import { PromptMatcher } from './coverage/prompt-matcher'
import { PromptScoring } from './coverage/prompt-scoring'
import { REGISTERED_FOLDERS_FILE, writeRegisteredFolders } from './hooks/plugin-consent'
import { createRecommendationHandlers } from './recommendations/recommendations.handlers'
import { SearchService } from './search/search.service'
import { createSearchHandlers } from './search/search.handlers'
import { InsightsService } from './insights/insights.service'
import { createInsightsHandlers } from './insights/insights.handlers'
import { ReportService } from './reports/report.service'
import { createReportHandlers } from './reports/report.handlers'
import type { PdfRenderer } from './reports/pdf-renderer'
import { rebuildDerivedRows, rebuildNeeded } from './outcomes/rebuild'
import { claudeTranscriptRoots } from './imports/claude-code/transcript-roots'
import { TranscriptFollower } from './imports/claude-code/transcript-follower'
import { createOnboardingHandlers } from './onboarding/onboarding.handlers'
import { createHooksHandlers } from './hooks/hooks.handlers'
import { createUsageHandlers } from './usage/usage.handlers'
import { createToolsHandlers } from './tools/tools.handlers'
import { createConversationHandlers } from './conversation/conversation.handlers'
import { createCoverageHandlers } from './coverage/coverage.handlers'
import { coverage } from './coverage/coverage'
import { UsageService } from './usage/usage.service'
import { TrackingPause } from './tracking/tracking-pause'
import { createDesktopHandlers } from './desktop/desktop.handlers'
import { TeamMetricsService } from './team-metrics/team-metrics.service'
import { createTeamMetricsHandlers } from './team-metrics/team-metrics.handlers'

/** Start-up work comes first; the daily backup check waits this long, then runs hourly. */
const FIRST_BACKUP_CHECK_MS = 30_000
const BACKUP_CHECK_MS = 60 * 60 * 1000

/** Everything a host (Electron, HTTP server, CLI, MCP) needs, wired once. */
export interface AppContext {
  dataDir: string
  database: AppDatabase
  /** Set when the database file could not be opened at start and was recovered (hosts say so). */
  recovery: RecoveryReport | null
  changes: ChangeBus
  /** Event-log ingest; long-running hosts call `ingest.startWatching()`. */
  ingest: IngestService
  /** Follows tracked projects' Claude Code transcripts live (started by startBackgroundWork). */
  transcripts: TranscriptFollower
  /** Pausing and resuming capture (the tray's "pause tracking for 1 hour"). */
  pause: TrackingPause
  /** Skill metrics for the team's Prometheus or OpenTelemetry collector (off by default). */
  teamMetrics: TeamMetricsService
  catalogue: CatalogueService
  search: SearchService
  insights: InsightsService
  handlers: Handlers
  /**
   * For long-running hosts (app, server): watch event logs and notice other processes' writes, and run the
   * team metrics exporters the settings switch on (`metricsPort`: the endpoint on that port regardless).
   */
  startBackgroundWork(options?: { metricsPort?: number; metricsHost?: string }): Promise<void>
  close(): Promise<void>
}

/** The composition root shared by every host: open the database, build the services and their handlers. */
export async function openAppContext(
  options: {
    dataDir?: string
    /** Claude config folders whose skills join the catalogue; by default CLAUDE_CONFIG_DIR or ~/.claude. */
    claudeConfigDirs?: string[]
    /** How reports become PDF; the desktop app passes Electron's printToPDF, otherwise headless Chromium. */
    pdfRenderer?: PdfRenderer
    /** Claude Code transcript folders to follow; by default those of CLAUDE_CONFIG_DIR or ~/.claude and ~/.config/claude. */
    transcriptRoots?: string[]
  } = {},
): Promise<AppContext> {
  const dataDir = resolveDataDir({ override: options.dataDir })
  const databaseFile = databasePath(dataDir)
  const { database, recovery } = await openDatabaseWithRecovery(databaseFile)
  if (recovery) process.stderr.write(describeRecovery(recovery).map((line) => `session-buddy: ${line}\n`).join(''))
  const changes = new ChangeBus()
  const catalogue = new CatalogueService(database.sqlite, changes, options.claudeConfigDirs)
  const promptMatcher = new PromptMatcher(() => {
    if (!catalogue.lastResult) catalogue.refresh()
    return catalogue.skills()
  })
  catalogue.onChanged(() => promptMatcher.invalidate())
  const promptScoring = new PromptScoring(database.sqlite, promptMatcher, (report) => changes.progress(report), () => changes.publish('skills'))
  const ingest = new IngestService(database.sqlite, changes, { promptScoring })
  const transcriptRoots = options.transcriptRoots ?? claudeTranscriptRoots()
  const transcripts = new TranscriptFollower(database.sqlite, changes, transcriptRoots, undefined, promptScoring)
  const search = new SearchService(database.sqlite, catalogue, changes, dataDir)
  const pause = new TrackingPause(
    database.sqlite,
    {
      start: async () => {
        await ingest.startWatching()
        await transcripts.start()
      },
      stop: async () => {
        await ingest.stop()
        await transcripts.stop()
      },
    },
    () => changes.publish('ingest'),
  )
  const teamMetrics = new TeamMetricsService(database.sqlite, dataDir, changes, () => ingest.lagSeconds())
  const insights = new InsightsService(database.sqlite)
  const usage = new UsageService(database.sqlite, dataDir)
  const reports = new ReportService(database.sqlite, insights, options.pdfRenderer, (days, until) => {
    if (!catalogue.lastResult) catalogue.refresh()
    return coverage(database.sqlite, catalogue.skills(), { scope: 'included', days, until })
  })
  // The plugin's hook reads which folders are tracked from a file, never from the database.
  const shareRegisteredFolders = () => {
    try {
      writeRegisteredFolders(dataDir, (database.sqlite.prepare('select path from projects where track = 1').pluck().all() as string[]))
    } catch (error) {
      process.stderr.write(`session-buddy: cannot write ${REGISTERED_FOLDERS_FILE}: ${(error as Error).message}\n`)
    }
  }
  shareRegisteredFolders()
  // Registering, removing or switching tracking on a project changes what is watched and catalogued.
  changes.subscribe((event) => {
    if (!event.topics.includes('projects')) return
    shareRegisteredFolders()
    ingest.refreshWatches()
    void transcripts.projectsChanged()
    if (search.started) {
      catalogue.refresh()
      void catalogue.restartWatching()
    }
  })
  const handlers: Handlers = {
    ...createSystemHandlers(database.db, database.sqlite, { dataDir, databaseFile }),
    ...createProjectHandlers(database.db, changes, () => replaceBackups(database.sqlite, databaseFile)),
    ...createTrackingHandlers(database.sqlite, ingest, changes, promptScoring),
    ...createCorrelationHandlers(database.sqlite, changes, usage),
    ...createSearchHandlers(catalogue, search),
    ...createInsightsHandlers(insights),
    ...createReportHandlers(reports),
    ...createOnboardingHandlers(database.db, transcriptRoots, { dataDir }),
    ...createHooksHandlers(database.db),
    ...createUsageHandlers(database.sqlite, usage),
    ...createToolsHandlers(database.sqlite),
    ...createConversationHandlers(database.sqlite),
    ...createCoverageHandlers(database.sqlite, catalogue, promptScoring),
    ...createRecommendationHandlers(database.sqlite, search),
    ...createDesktopHandlers(database.sqlite, changes, pause),
    ...createTeamMetricsHandlers(teamMetrics),
  }
  let stopExternal = () => {}
  let stopSummaries = () => {}
  let summaryTimer: NodeJS.Timeout | undefined
  let backupTimer: NodeJS.Timeout | undefined
  let backupRunning: Promise<void> = Promise.resolve()
  const dailyBackup = async () => {
    try {
      await takeDailyBackupIfDue(database.sqlite, databaseFile, { keep: keepDailyBackups(database.sqlite) })
    } catch (error) {
      process.stderr.write(`session-buddy: daily backup not taken: ${(error as Error).message}\n`)
    }
  }
  return {
    dataDir,
    database,
    recovery,
    changes,
    ingest,
    transcripts,
    pause,
    teamMetrics,
    catalogue,
    search,
    insights,
    handlers,
    startBackgroundWork: async (options = {}) => {
      // Once after an upgrade that changed how outcomes are derived: re-derive from the sources on disk.
      if (rebuildNeeded(database.sqlite)) {
        try {
          const report = await ingest.exclusively(() => rebuildDerivedRows(database.sqlite, { transcriptRoots, onProgress: (p) => changes.progress(p) }))
          process.stderr.write(
            `session-buddy: re-derived skill outcomes from ${report.eventFiles} event files and ${report.transcriptFiles} transcripts in ${report.ms} ms; ${report.olderDerivation} runs keep an older derivation (their source is gone)\n`,
          )
        } catch (error) {
          // The app still opens; the rebuild is tried again on the next start (or run with `session-buddy rebuild`).
          process.stderr.write(`session-buddy: skill outcomes not re-derived: ${(error as Error).message}\n`)
        }
        changes.publish('sessions', 'skills', 'projects')
      }
      // Event logs and transcripts are followed unless the user paused tracking (then from when the pause ends).
      await pause.start()
      search.start()
      await catalogue.startWatching()
      // Keep insight summaries current as data arrives, so reading insights never waits on a backlog.
      void insights.refreshInBackground()
      stopSummaries = changes.subscribe((event) => {
        if (!event.topics.includes('sessions')) return
        clearTimeout(summaryTimer)
        summaryTimer = setTimeout(() => void insights.refreshInBackground(), 500)
      })
      // A daily copy of the database (kept: 7 by default), checked for soon after start and then hourly.
      backupTimer = setTimeout(function check() {
        backupRunning = dailyBackup()
        void backupRunning.finally(() => (backupTimer = setTimeout(check, BACKUP_CHECK_MS).unref()))
      }, FIRST_BACKUP_CHECK_MS).unref()
      await teamMetrics.start(options.metricsPort === undefined ? undefined : { port: options.metricsPort, host: options.metricsHost })
      // A project registered or data imported from the CLI shows up here without a restart.
      stopExternal = watchExternalChanges(database.sqlite, () => changes.publish('projects', 'sessions', 'skills', 'ingest'))
    },
    close: async () => {
      stopExternal()
      stopSummaries()
      clearTimeout(summaryTimer)
      clearTimeout(backupTimer)
      await backupRunning
      await pause.close()
      await teamMetrics.close()
      await ingest.stop()
      await transcripts.stop()
      await promptScoring.drain()
      await catalogue.stopWatching()
      await search.close()
      await database.close()
    },
  }
}
