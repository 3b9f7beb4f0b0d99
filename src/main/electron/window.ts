import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { BrowserWindow, screen, session, type WebContents } from 'electron'
import { MIN_SIZE, restoreWindowState, saveWindowState } from '../desktop/window-state'

export const RENDERER_FILE = path.join(__dirname, '../renderer/index.html')
export const RENDERER_FILE_URL = pathToFileURL(RENDERER_FILE).href
export const DEV_SERVER_URL = process.env.ELECTRON_RENDERER_URL

/**
 * Every web contents (the window's, and any other one Electron makes) refuses to navigate away or
 * open windows: the UI never needs to, so anything that tries is not ours.
 */
export function guardWebContents(contents: WebContents): void {
  contents.on('will-navigate', (event) => event.preventDefault())
  contents.on('will-redirect', (event) => event.preventDefault())
  contents.setWindowOpenHandler(() => ({ action: 'deny' }))
}

export function createMainWindow(dataDir: string): BrowserWindow {
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
  // Size, position and maximised state come back at the next start (fitted to the displays there are then).
  window.on('close', () => saveWindowState(dataDir, { bounds: window.getNormalBounds(), maximized: window.isMaximized() }))
  // Navigation and window-open refusals: guardWebContents, applied to every web contents in index.ts.
  session.defaultSession.setPermissionRequestHandler((_webContents, _permission, callback) => callback(false))

  if (DEV_SERVER_URL) void window.loadURL(DEV_SERVER_URL)
  else void window.loadFile(RENDERER_FILE)
  return window
}
