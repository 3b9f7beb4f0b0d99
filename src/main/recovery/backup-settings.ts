import { z } from 'zod'

/** How many daily backups to keep (`session-buddy doctor --keep <n>`). */
export const BACKUPS_KEEP_SETTING = 'backups.keep'
export const backupsKeepSchema = z.number().int().min(1).max(365)
