import type BetterSqlite3 from 'better-sqlite3'
import type { ChangeBus } from '../api/change-bus'
import type { DomainHandlers } from '../api/handler-types'
import type { TrackingPause } from '../tracking/tracking-pause'
import { trackingState } from '../tracking/tracking-state'
import { readDesktopSettings, writeDesktopSettings } from './desktop-settings'

export function createDesktopHandlers(
  sqlite: BetterSqlite3.Database,
  changes: ChangeBus,
  pause: TrackingPause,
): DomainHandlers<'desktop-settings-get' | 'desktop-settings-set' | 'tracking-state' | 'tracking-pause'> {
  return {
    'desktop-settings-get': async () => readDesktopSettings(sqlite),
    'desktop-settings-set': async (input) => {
      const next = writeDesktopSettings(sqlite, input)
      changes.publish('settings')
      return next
    },
    'tracking-state': async () => trackingState(sqlite, pause.pausedUntil()),
    'tracking-pause': async ({ minutes }) => {
      if (minutes === null) await pause.resume()
      else await pause.pause(minutes)
      return trackingState(sqlite, pause.pausedUntil())
    },
  }
}
