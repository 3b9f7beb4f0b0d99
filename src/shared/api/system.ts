import { z } from 'zod'
import { endpoint } from './endpoint'

export interface AppInfo {
  version: string
  dataDir: string
  databaseFile: string
  schemaVersion: string
  /** The last time the database could not be opened and was recovered, until the user dismisses it. */
  recovery: RecoveryReport | null
}

/** What happened when the database file could not be opened, and what the app did about it. */
export interface RecoveryReport {
  at: string
  /** The error opening the file gave. */
  problem: string
  /** Where the file that failed now lies, untouched. */
  damagedCopy: string
  /** The backup restored, or null when there was none and a new database was made. */
  restoredFrom: { file: string; takenAt: string } | null
  /** Backups tried and passed over, each with why. */
  backupsSkipped: string[]
  /** Projects read from the damaged file (null: its project list could not be read). */
  projectsFromDamagedFile: number | null
  projectsAdded: number
  projectsRemoved: number
  /** What is read again from the files on disk. */
  readAgain: string
  notRecovered: string[]
  dismissed?: boolean
}

export const themeSchema = z.enum(['system', 'light', 'dark'])
export type Theme = z.infer<typeof themeSchema>

/** Settings of the interface, kept in the database so the desktop app and the browser share them. */
export const uiSettingsSchema = z.object({ theme: themeSchema }).strict()
export type UiSettings = z.infer<typeof uiSettingsSchema>

export const systemApi = {
  'app-info': endpoint<AppInfo>()(z.object({}).strict()),
  'recovery-dismiss': endpoint<{ ok: true }>()(z.object({}).strict()),
  'ui-settings-get': endpoint<UiSettings>()(z.object({}).strict()),
  'ui-settings-set': endpoint<UiSettings>()(uiSettingsSchema.partial().strict()),
}
