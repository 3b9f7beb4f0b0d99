import fs from 'node:fs'
import path from 'node:path'
import type BetterSqlite3 from 'better-sqlite3'
import { DEFAULT_DESKTOP_SETTINGS, desktopSettingsSchema, type DesktopSettings } from '../../shared/api/desktop'
import { readSetting, writeSetting } from '../system/app-settings'

const DESKTOP_SETTINGS = 'desktop.settings'

export function readDesktopSettings(sqlite: BetterSqlite3.Database): DesktopSettings {
  // Merged over the defaults, so a setting added in a later version starts at its default.
  return { ...DEFAULT_DESKTOP_SETTINGS, ...readSetting(sqlite, DESKTOP_SETTINGS, desktopSettingsSchema.partial(), {}) }
}

export function writeDesktopSettings(sqlite: BetterSqlite3.Database, change: Partial<DesktopSettings>): DesktopSettings {
  const next = { ...readDesktopSettings(sqlite), ...change }
  writeSetting(sqlite, DESKTOP_SETTINGS, next)
  return next
}

/** What closing the window does: hide it to the tray (capture goes on), or let it close and the app quit. */
export function closeAction(settings: Pick<DesktopSettings, 'keepRunningInTray'>, quitting: boolean, trayAvailable: boolean): 'hide' | 'close' {
  // Without a tray (some Linux desktops have none) a hidden window could not be brought back: close it.
  return !quitting && settings.keepRunningInTray && trayAvailable ? 'hide' : 'close'
}

/**
 * What `app.setLoginItemSettings` is given. Started at login, the app opens in the tray only: `--hidden`
 * tells it so on Windows and Linux; on macOS the host asks `wasOpenedAtLogin`.
 */
export function loginItemSettings(settings: Pick<DesktopSettings, 'openAtLogin'>): { openAtLogin: boolean; args: string[] } {
  return { openAtLogin: settings.openAtLogin, args: settings.openAtLogin ? [HIDDEN_ARG] : [] }
}

export const HIDDEN_ARG = '--hidden'

/**
 * Linux has no login-item API (`setLoginItemSettings` works on macOS and Windows only): "open at login" is an
 * XDG autostart entry, written when switched on and removed when off. `executable` is the AppImage itself
 * (APPIMAGE) or the installed binary.
 */
export function applyLinuxAutostart(autostartDir: string, openAtLogin: boolean, executable: string): void {
  const file = path.join(autostartDir, 'session-buddy.desktop')
  if (!openAtLogin) {
    fs.rmSync(file, { force: true })
    return
  }
  fs.mkdirSync(autostartDir, { recursive: true })
  const quoted = `"${executable.replace(/(["`$\\])/g, '\\$1')}"`
  fs.writeFileSync(
    file,
    ['[Desktop Entry]', 'Type=Application', 'Name=Session Buddy', 'Comment=Tracks which AI-assistant skills you use', `Exec=${quoted} ${HIDDEN_ARG}`, 'X-GNOME-Autostart-enabled=true', 'Terminal=false', ''].join('\n'),
  )
}
