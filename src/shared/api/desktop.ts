import { z } from 'zod'
import { endpoint } from './endpoint'

/**
 * How the desktop app behaves around its window. Kept in the database like the theme; the browser
 * (`session-buddy serve`) shows and saves them too, and they take effect in the desktop app.
 */
export const desktopSettingsSchema = z
  .object({
    /** Closing the window keeps capture running in the tray (true) or quits the app (false). */
    keepRunningInTray: z.boolean(),
    /** Start with the session at login, in the tray. */
    openAtLogin: z.boolean(),
    /** A system notification when a skill has failed 3 runs in a row. */
    notifySkillFailures: z.boolean(),
    /** A system notification when an import has finished. */
    notifyImportFinished: z.boolean(),
  })
  .strict()
export type DesktopSettings = z.infer<typeof desktopSettingsSchema>

export const DEFAULT_DESKTOP_SETTINGS: DesktopSettings = {
  keepRunningInTray: true,
  openAtLogin: false,
  notifySkillFailures: false,
  notifyImportFinished: false,
}

/** What the tray shows: whether tracking runs, today's activity and the last ingest problem. */
export interface TrackingState {
  /** ISO time tracking resumes by itself; null while tracking runs. */
  pausedUntil: string | null
  /** Skill runs started since local midnight, in tracked projects. */
  runsToday: number
  /** The newest problem reading an event file or transcript, if any. */
  lastIngestError: { file: string; line: number | null; reason: string; at: string } | null
}

/** Longest pause the API accepts: a day. */
export const MAX_PAUSE_MINUTES = 24 * 60

export const desktopApi = {
  'desktop-settings-get': endpoint<DesktopSettings>()(z.object({}).strict()),
  'desktop-settings-set': endpoint<DesktopSettings>()(desktopSettingsSchema.partial().strict()),
  'tracking-state': endpoint<TrackingState>()(z.object({}).strict()),
  /** Pauses reading event logs and transcripts for `minutes`; `minutes: null` resumes now. */
  'tracking-pause': endpoint<TrackingState>()(z.object({ minutes: z.number().int().min(1).max(MAX_PAUSE_MINUTES).nullable() }).strict()),
}
