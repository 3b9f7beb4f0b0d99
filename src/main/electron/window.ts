import path from 'node:path'
import { BrowserWindow, screen, session, type WebContents } from 'electron'
import { APP_INDEX_URL } from '../desktop/app-protocol'
import { MIN_SIZE, restoreWindowState, saveWindowState } from '../desktop/window-state'

export const DEV_SERVER_URL = process.env.ELECTRON_RENDERER_URL
export const RENDERER_URL = DEV_SERVER_URL ?? APP_INDEX_URL

/**
 * Every web contents (the window's, and any other one Electron makes) refuses to navigate away or
 * open windows: the UI never needs to, so anything that tries is not ours.
 */
export function guardWebContents(contents: WebContents): void {
  contents.on('will-navigate', (event) => event.preventDefault())
  contents.on('will-redirect', (event) => event.preventDefault())
  contents.setWindowOpenHandler(() => ({ action: 'deny' }))
}

export function createMainWindow(dataDir: string, onClose: (event: Electron.Event, window: BrowserWindow) => void): BrowserWindow {
  const restored = restoreWindowState(
    dataDir,
    screen.getAllDisplays().map((d) => d.workArea),
  )
  const window = new BrowserWindow({
    ...restored.bounds,
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    show: false,
    title: 'Session Buddy',
    icon: path.join(__dirname, '../../resources/icon.png'),
    webPreferences: {
      preload: path.join(__dirname, '../preload/index.js'),
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      webSecurity: true,
    },
  })
  window.once('ready-to-show', () => {
    if (restored.maximized) window.maximize()
    window.show()
  })
  window.on('close', (event) => {
    // Size, position and maximised state come back at the next start (fitted to the displays there are then).
    saveWindowState(dataDir, { bounds: window.getNormalBounds(), maximized: window.isMaximized() })
    onClose(event, window)
  })
  // Navigation and window-open refusals: guardWebContents, applied to every web contents in index.ts.
  session.defaultSession.setPermissionRequestHandler((_webContents, _permission, callback) => callback(false))
  void window.loadURL(RENDERER_URL)
  return window
}

/** Shows the window, restoring it from minimised or the tray. */
export function bringToFront(window: BrowserWindow): void {
  if (window.isMinimized()) window.restore()
  window.show()
  window.focus()
}
