import { z } from 'zod'
import { endpoint } from './endpoint'

/**
 * Feeding a team's monitoring: a Prometheus endpoint and an OpenTelemetry push, both off by default, both
 * with aggregates of the projects included in cross-project insights only (docs/teams.md).
 */
export const teamMetricsSettingsSchema = z
  .object({
    prometheus: z
      .object({
        enabled: z.boolean(),
        /** 127.0.0.1 by default; another address is the user's choice, and the UI warns about it. */
        host: z.string().min(1).max(255),
        port: z.number().int().min(1024).max(65535),
      })
      .strict(),
    otlp: z
      .object({
        enabled: z.boolean(),
        /** The OTLP/HTTP metrics URL; empty: OTEL_EXPORTER_OTLP_METRICS_ENDPOINT or OTEL_EXPORTER_OTLP_ENDPOINT. */
        endpoint: z.union([z.literal(''), z.string().url().max(2000)]),
        intervalSeconds: z.number().int().min(5).max(3600),
      })
      .strict(),
    /** Project names in the `project` label instead of the stable pseudonyms reports use. */
    includeProjectNames: z.boolean(),
  })
  .strict()
export type TeamMetricsSettings = z.infer<typeof teamMetricsSettingsSchema>

export const DEFAULT_TEAM_METRICS_SETTINGS: TeamMetricsSettings = {
  prometheus: { enabled: false, host: '127.0.0.1', port: 9464 },
  otlp: { enabled: false, endpoint: '', intervalSeconds: 60 },
  includeProjectNames: false,
}

export interface TeamMetricsView {
  settings: TeamMetricsSettings
  /** The file holding the endpoint's bearer token (Prometheus reads it with `credentials_file`). */
  tokenFile: string
  prometheus: { url: string | null; error: string | null; overriddenBy: string | null }
  otlp: { endpoint: string | null; lastExportAt: string | null; error: string | null }
  /** What the exporter would send now: the projects and distinct skills it covers, and time series per metric. */
  preview: { projects: number; skills: number; series: Record<string, number> }
}

export const teamMetricsApi = {
  'team-metrics-get': endpoint<TeamMetricsView>()(z.object({}).strict()),
  'team-metrics-set': endpoint<TeamMetricsView>()(
    z
      .object({
        prometheus: teamMetricsSettingsSchema.shape.prometheus.partial().strict().optional(),
        otlp: teamMetricsSettingsSchema.shape.otlp.partial().strict().optional(),
        includeProjectNames: z.boolean().optional(),
        /** A new bearer token (the old one stops working at once). */
        rotateToken: z.literal(true).optional(),
      })
      .strict(),
  ),
}
