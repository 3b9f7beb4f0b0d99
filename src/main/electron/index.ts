import path from 'node:path'
import { BrowserWindow, Notification, app, dialog, ipcMain, shell } from 'electron'
import { IPC_CALL_CHANNEL, IPC_CHANGE_CHANNEL, IPC_PICK_FOLDER_CHANNEL } from '../../shared/api/channels'
import { openAppContext, type AppContext } from '../app-context'
import { DesktopNotifier } from '../desktop/desktop-notifications'
import { HIDDEN_ARG, applyLinuxAutostart, closeAction, loginItemSettings, readDesktopSettings } from '../desktop/desktop-settings'
import { databasePath, resolveDataDir } from '../storage/data-dir'
import { trackingState } from '../tracking/tracking-state'
import { showStartFailure } from './failure-window'
import { createIpcCallHandler, trustedUrlCheck } from './ipc-guard'
import { installAppMenu } from './menu'
import { electronPdf } from './print-to-pdf'
import { registerAppScheme, serveAppScheme } from './protocol'
import { StatusTray } from './tray'
import { DEV_SERVER_URL, RENDERER_URL, bringToFront, createMainWindow, guardWebContents } from './window'

// The Electron host: a thin shell around the same AppContext the HTTP server and CLI use. What it
// decides (tray text, close behaviour, menus, protocol checks, the failure page) lives in ../desktop.
let context: AppContext | undefined
let mainWindow: BrowserWindow | undefined
let tray: StatusTray | undefined
let notifier: DesktopNotifier | undefined
let quitting = false
const TRAY_REFRESH_MS = 60_000

registerAppScheme()

// One instance: a second launch focuses the window of the first and ends, opening nothing itself.
const primary = app.requestSingleInstanceLock()
if (!primary) app.quit()
app.on('second-instance', () => showMainWindow())
// The navigation and window-open refusals hold for every web contents, not only the main window's.
app.on('web-contents-created', (_event, contents) => guardWebContents(contents))
app.on('before-quit', () => (quitting = true))

function showMainWindow(): void {
  if (!context) return
  if (mainWindow && !mainWindow.isDestroyed()) return bringToFront(mainWindow)
  const { sqlite } = context.database
  mainWindow = createMainWindow(context.dataDir, (event, window) => {
    // Closing keeps capture running in the tray, unless the user chose quit-on-close (Settings).
    if (closeAction(readDesktopSettings(sqlite), quitting, tray !== undefined) === 'hide') {
      event.preventDefault()
      window.hide()
    }
  })
  mainWindow.on('closed', () => (mainWindow = undefined))
}

function openSettings(): void {
  showMainWindow()
  void mainWindow?.webContents.executeJavaScript("location.hash = '#/settings'")
}

async function start(): Promise<void> {
  serveAppScheme()
  context = await openAppContext({ pdfRenderer: electronPdf })
  await context.startBackgroundWork()
  const ctx = context
  const { sqlite } = ctx.database
  const isTrusted = trustedUrlCheck(RENDERER_URL, DEV_SERVER_URL)

  // Removed first: a start retried from the failure window registers them again, with the new context.
  ipcMain.removeHandler(IPC_CALL_CHANNEL)
  ipcMain.removeHandler(IPC_PICK_FOLDER_CHANNEL)
  ipcMain.handle(IPC_CALL_CHANNEL, createIpcCallHandler(ctx.handlers, isTrusted))
  ipcMain.handle(IPC_PICK_FOLDER_CHANNEL, async (event) => {
    if (!event.senderFrame || !isTrusted(event.senderFrame.url)) return null
    const window = BrowserWindow.fromWebContents(event.sender)
    const options = { properties: ['openDirectory' as const], title: 'Choose a project folder' }
    const result = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options)
    return result.canceled ? null : (result.filePaths[0] ?? null)
  })

  const openDataFolder = () => void shell.openPath(ctx.dataDir)
  installAppMenu({ packaged: app.isPackaged, openDataFolder, openSettings })

  const refreshTray = () => sqlite.open && tray?.show(trackingState(sqlite, ctx.pause.pausedUntil()))
  tray = new StatusTray((command) => {
    if (command === 'open-window') showMainWindow()
    else if (command === 'pause-1h') void ctx.pause.pause(60).then(refreshTray)
    else if (command === 'resume') void ctx.pause.resume().then(refreshTray)
    else if (command === 'open-data-folder') openDataFolder()
    else app.quit()
  })
  refreshTray()
  let trayTimer: NodeJS.Timeout | undefined
  setInterval(refreshTray, TRAY_REFRESH_MS).unref()

  notifier = new DesktopNotifier(sqlite, ctx.changes, (notification) => {
    if (Notification.isSupported()) new Notification(notification).show()
  })
  const applyLoginItem = () => {
    const { openAtLogin } = readDesktopSettings(sqlite)
    if (process.platform === 'linux') applyLinuxAutostart(path.join(app.getPath('appData'), 'autostart'), openAtLogin, process.env.APPIMAGE ?? process.execPath)
    else app.setLoginItemSettings(loginItemSettings({ openAtLogin }))
  }
  applyLoginItem()

  ctx.changes.subscribe((change) => {
    for (const window of BrowserWindow.getAllWindows()) window.webContents.send(IPC_CHANGE_CHANNEL, change)
    if (change.topics.includes('settings')) applyLoginItem()
    // Data changed: the tray's figures are read again, at most every 2 s.
    if (change.topics.length > 0 && !trayTimer) {
      trayTimer = setTimeout(() => {
        trayTimer = undefined
        refreshTray()
      }, 2000)
    }
  })

  // Started at login, the app opens in the tray only.
  if (!process.argv.includes(HIDDEN_ARG) && !(process.platform === 'darwin' && app.getLoginItemSettings().wasOpenedAtLogin)) showMainWindow()
  app.on('activate', () => showMainWindow())
}

function startOrExplain(): void {
  start().catch((error: unknown) => {
    // A failure anywhere in start (the database cannot be opened, say) is explained with doctor's recovery.
    const dataDir = context?.dataDir ?? resolveDataDir()
    void context?.close()
    context = undefined
    tray?.destroy()
    tray = undefined
    showStartFailure(error, { dataDir, databaseFile: databasePath(dataDir) }, { retry: startOrExplain, quit: () => app.exit(1) })
  })
}

app
  .whenReady()
  .then(() => primary && startOrExplain())
  .catch((error: unknown) => {
    dialog.showErrorBox('Session Buddy could not start', String(error))
    app.exit(1)
  })

// With the tray, capture goes on after the last window closes; without it (quit-on-close), the app quits.
app.on('window-all-closed', () => {
  if (process.platform !== 'darwin' && (!tray || !context || !readDesktopSettings(context.database.sqlite).keepRunningInTray)) app.quit()
})

app.on('will-quit', () => {
  notifier?.close()
  tray?.destroy()
  void context?.close()
})
