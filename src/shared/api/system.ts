import { z } from 'zod'
import { endpoint } from './endpoint'

export interface AppInfo {
  version: string
  dataDir: string
  databaseFile: string
  schemaVersion: string
}

export const systemApi = {
  'app-info': endpoint<AppInfo>()(z.object({}).strict()),
}
