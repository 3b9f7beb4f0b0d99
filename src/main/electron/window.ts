import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { BrowserWindow, session } from 'electron'

export const RENDERER_FILE = path.join(__dirname, '../renderer/index.html')
export const RENDERER_FILE_URL = pathToFileURL(RENDERER_FILE).href
export const DEV_SERVER_URL = process.env.ELECTRON_RENDERER_URL

export function createMainWindow(): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
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
  window.once('ready-to-show', () => window.show())

  // The UI never navigates away or opens windows; anything that tries is refused.
  window.webContents.on('will-navigate', (event) => event.preventDefault())
  window.webContents.on('will-redirect', (event) => event.preventDefault())
  window.webContents.setWindowOpenHandler(() => ({ action: 'deny' }))
  session.defaultSession.setPermissionRequestHandler((_webContents, _permission, callback) => callback(false))

  if (DEV_SERVER_URL) void window.loadURL(DEV_SERVER_URL)
  else void window.loadFile(RENDERER_FILE)
  return window
}
