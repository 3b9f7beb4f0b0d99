import fs from 'node:fs'
import path from 'node:path'
import { Worker } from 'node:worker_threads'
import type BetterSqlite3 from 'better-sqlite3'
import { DEFAULT_TEAM_METRICS_SETTINGS, teamMetricsSettingsSchema, type TeamMetricsSettings, type TeamMetricsView } from '../../shared/api/team-metrics'
import type { ChangeBus } from '../api/change-bus'
import { refreshInsightSummaries } from '../insights/insight-summaries'
import { projectAliases } from '../reports/report-model'
import { readSetting, writeSetting } from '../system/app-settings'
import { packageRoot } from '../system/package-root'
import { newToken } from '../server/security'
import { startMetricsServer, type MetricsServer } from './metrics-server'
import { readTeamMetrics, type TeamMetricsSnapshot } from './metrics-snapshot'
import { startOtlpPush, type OtlpPush } from './otlp-push'
import { seriesPerMetric, teamMetricsRegistry } from './prometheus-registry'

const SETTINGS = 'team.metrics'
export const TOKEN_FILE = 'metrics-token'
/** After data changes, the snapshot is rebuilt once things are quiet for this long. */
const REBUILD_DELAY_MS = 2000
const SNAPSHOT_WORKER = path.join(packageRoot(), 'out', 'main', 'team-snapshot-worker.js')
/** Built, the snapshot is computed off the main thread; from the TypeScript sources (tests), in it. */
const WORKER_AVAILABLE = !__filename.endsWith('.ts') && fs.existsSync(SNAPSHOT_WORKER)

/**
 * Team metrics: keeps a snapshot of the included projects' aggregates, rebuilt in the background after data
 * changes (so a scrape only formats it), and runs the Prometheus endpoint and the OTLP push as the settings say.
 */
export class TeamMetricsService {
  private snapshot: TeamMetricsSnapshot | null = null
  /** Set when data changed after `snapshot` was taken: it is still served until the rebuild lands. */
  private stale = true
  private rebuilding: Promise<TeamMetricsSnapshot> | null = null
  private worker: Worker | null = null
  private requests = 0
  private server: MetricsServer | null = null
  private push: OtlpPush | null = null
  private serverError: string | null = null
  private lastExportAt: string | null = null
  private exportError: string | null = null
  private override: { port: number; host?: string } | null = null
  private timer: NodeJS.Timeout | undefined
  private applying: Promise<void> = Promise.resolve()
  private unsubscribe: () => void = () => {}

  constructor(
    private readonly sqlite: BetterSqlite3.Database,
    private readonly dataDir: string,
    private readonly changes: ChangeBus,
    private readonly ingestLagSeconds: () => number,
  ) {}

  settings(): TeamMetricsSettings {
    // Saved whole by update(); a value that no longer fits (an older version's) falls back to the defaults: off.
    return readSetting(this.sqlite, SETTINGS, teamMetricsSettingsSchema, DEFAULT_TEAM_METRICS_SETTINGS)
  }

  /** `serve --metrics-port N`: the endpoint runs on that port for this process, whatever the settings say. */
  async start(override?: { port: number; host?: string }): Promise<void> {
    this.override = override ?? null
    this.unsubscribe = this.changes.subscribe((event) => {
      if (!event.topics.some((t) => t === 'sessions' || t === 'projects')) return
      this.stale = true
      clearTimeout(this.timer)
      // Rebuilt ahead of the next scrape or push, once the burst of changes is over (only while exporting).
      this.timer = setTimeout(() => void (this.server || this.push ? this.latest() : undefined), REBUILD_DELAY_MS)
      this.timer.unref()
    })
    await this.apply()
  }

  async update(change: { prometheus?: Partial<TeamMetricsSettings['prometheus']>; otlp?: Partial<TeamMetricsSettings['otlp']>; includeProjectNames?: boolean; rotateToken?: true }): Promise<TeamMetricsView> {
    const current = this.settings()
    const next = teamMetricsSettingsSchema.parse({
      prometheus: { ...current.prometheus, ...change.prometheus },
      otlp: { ...current.otlp, ...change.otlp },
      includeProjectNames: change.includeProjectNames ?? current.includeProjectNames,
    })
    writeSetting(this.sqlite, SETTINGS, next)
    if (change.rotateToken) this.writeToken(newToken())
    // Names in or out change every label: nothing taken before is served again. Other settings change no figure.
    if (next.includeProjectNames !== current.includeProjectNames) {
      this.snapshot = null
      this.stale = true
    }
    this.changes.publish('settings')
    if (this.started) await this.apply()
    return this.view()
  }

  /**
   * The aggregates to send: the last snapshot while a newer one is being computed (a scrape never waits
   * on a rebuild once there is one), else a fresh one.
   */
  async latest(): Promise<TeamMetricsSnapshot> {
    if (this.stale && !this.rebuilding) {
      this.stale = false
      this.rebuilding = this.rebuild().finally(() => (this.rebuilding = null))
    }
    if (this.snapshot) return this.snapshot
    return this.rebuilding ?? this.latest()
  }

  private async rebuild(): Promise<TeamMetricsSnapshot> {
    // The summaries Insights reads, brought up to date first, so both say the same; the pseudonym key exists.
    refreshInsightSummaries(this.sqlite)
    projectAliases(this.sqlite, [])
    const includeProjectNames = this.settings().includeProjectNames
    try {
      this.snapshot = WORKER_AVAILABLE ? await this.inWorker(includeProjectNames) : readTeamMetrics(this.sqlite, { includeProjectNames })
    } catch (error) {
      this.stale = true
      if (this.snapshot) return this.snapshot
      throw error
    }
    return this.snapshot
  }

  private inWorker(includeProjectNames: boolean): Promise<TeamMetricsSnapshot> {
    this.worker ??= new Worker(SNAPSHOT_WORKER, { workerData: { file: this.sqlite.name } }).on('error', () => (this.worker = null))
    this.worker.unref()
    const worker = this.worker
    const id = ++this.requests
    return new Promise((resolve, reject) => {
      const onMessage = (message: { id: number; snapshot?: TeamMetricsSnapshot; error?: string }) => {
        if (message.id !== id) return
        worker.off('message', onMessage)
        if (message.snapshot) resolve(message.snapshot)
        else reject(new Error(message.error ?? 'team metrics worker failed'))
      }
      worker.on('message', onMessage)
      worker.postMessage({ id, includeProjectNames })
    })
  }

  /** Where the endpoint listens (or why it does not), without computing anything. */
  endpointStatus(): { url: string | null; error: string | null; tokenFile: string } {
    return { url: this.server?.url ?? null, error: this.serverError, tokenFile: this.tokenFile() }
  }

  async view(): Promise<TeamMetricsView> {
    const settings = this.settings()
    const snapshot = await this.latest()
    return {
      settings,
      tokenFile: this.tokenFile(),
      prometheus: { url: this.server?.url ?? null, error: this.serverError, overriddenBy: this.override ? `--metrics-port ${this.override.port}` : null },
      otlp: { endpoint: settings.otlp.enabled ? this.otlpEndpoint(settings) : null, lastExportAt: this.lastExportAt, error: this.exportError },
      preview: {
        projects: snapshot.projects,
        skills: snapshot.skills,
        series: seriesPerMetric(snapshot),
      },
    }
  }

  /** The endpoint's bearer token, made on first use and kept in a file only this user can read. */
  token(): string {
    const file = this.tokenFile()
    try {
      const token = fs.readFileSync(file, 'utf8').trim()
      if (token.length >= 32) return token
    } catch {
      // made below
    }
    return this.writeToken(newToken())
  }

  async close(): Promise<void> {
    this.started = false
    this.unsubscribe()
    clearTimeout(this.timer)
    await this.applying
    await this.stopAll()
    await this.rebuilding?.catch(() => undefined)
    await this.worker?.terminate()
    this.worker = null
  }

  private started = false

  private apply(): Promise<void> {
    this.started = true
    this.applying = this.applying.then(async () => {
      await this.stopAll()
      const settings = this.settings()
      const prometheus = this.override ? { enabled: true, host: this.override.host ?? settings.prometheus.host, port: this.override.port } : settings.prometheus
      if (prometheus.enabled) {
        try {
          this.token() // made now, so the file is there for Prometheus' credentials_file before the first scrape
          const registry = teamMetricsRegistry(() => this.latest(), this.ingestLagSeconds)
          this.server = await startMetricsServer({ host: prometheus.host, port: prometheus.port, token: () => this.token(), registry })
          this.serverError = null
        } catch (error) {
          this.serverError = `cannot listen on ${prometheus.host}:${prometheus.port} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`
          process.stderr.write(`session-buddy: team metrics endpoint not started: ${this.serverError}\n`)
        }
      }
      if (settings.otlp.enabled) {
        this.push = startOtlpPush({
          endpoint: settings.otlp.endpoint || undefined,
          intervalMs: Number(process.env.OTEL_METRIC_EXPORT_INTERVAL) || settings.otlp.intervalSeconds * 1000,
          snapshot: () => this.latest(),
          ingestLagSeconds: this.ingestLagSeconds,
          onExport: (error) => {
            this.exportError = error ? error.message : null
            if (!error) this.lastExportAt = new Date().toISOString()
          },
        })
      }
    })
    return this.applying
  }

  /** Sends the OTLP push now (tests, and `flush` before closing). */
  async flushPush(): Promise<void> {
    await this.applying
    await this.push?.flush()
  }

  private async stopAll(): Promise<void> {
    await this.server?.close()
    this.server = null
    await this.push?.close().catch(() => undefined)
    this.push = null
  }

  private otlpEndpoint(settings: TeamMetricsSettings): string | null {
    if (settings.otlp.endpoint) return settings.otlp.endpoint
    const metrics = process.env.OTEL_EXPORTER_OTLP_METRICS_ENDPOINT
    if (metrics) return metrics
    const base = process.env.OTEL_EXPORTER_OTLP_ENDPOINT
    return base ? `${base.replace(/\/$/, '')}/v1/metrics` : 'http://localhost:4318/v1/metrics'
  }

  private tokenFile(): string {
    return path.join(this.dataDir, TOKEN_FILE)
  }

  private writeToken(token: string): string {
    fs.mkdirSync(this.dataDir, { recursive: true })
    fs.writeFileSync(this.tokenFile(), `${token}\n`, { mode: 0o600 })
    fs.chmodSync(this.tokenFile(), 0o600)
    return token
  }
}
