import { BrowserWindow, app, dialog, ipcMain } from 'electron'
import { IPC_CALL_CHANNEL, IPC_CHANGE_CHANNEL, IPC_PICK_FOLDER_CHANNEL } from '../../shared/api/channels'
import { openAppContext, type AppContext } from '../app-context'
import { createIpcCallHandler, trustedUrlCheck } from './ipc-guard'
import { electronPdf } from './print-to-pdf'
import { DEV_SERVER_URL, RENDERER_FILE_URL, createMainWindow, guardWebContents } from './window'

// The Electron host: a thin shell around the same AppContext the HTTP server and CLI use.
let context: AppContext | undefined

// One instance: a second launch focuses the window of the first and ends, opening nothing itself.
const primary = app.requestSingleInstanceLock()
if (!primary) app.quit()
app.on('second-instance', () => {
  const window = BrowserWindow.getAllWindows()[0]
  if (!window) return
  if (window.isMinimized()) window.restore()
  window.show()
  window.focus()
})
// The navigation and window-open refusals hold for every web contents, not only the main window's.
app.on('web-contents-created', (_event, contents) => guardWebContents(contents))

async function start(): Promise<void> {
  context = await openAppContext({ pdfRenderer: electronPdf })
  await context.startBackgroundWork()
  const isTrusted = trustedUrlCheck(RENDERER_FILE_URL, DEV_SERVER_URL)

  ipcMain.handle(IPC_CALL_CHANNEL, createIpcCallHandler(context.handlers, isTrusted))
  ipcMain.handle(IPC_PICK_FOLDER_CHANNEL, async (event) => {
    if (!event.senderFrame || !isTrusted(event.senderFrame.url)) return null
    const window = BrowserWindow.fromWebContents(event.sender)
    const options = { properties: ['openDirectory' as const], title: 'Choose a project folder' }
    const result = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options)
    return result.canceled ? null : (result.filePaths[0] ?? null)
  })
  context.changes.subscribe((change) => {
    for (const window of BrowserWindow.getAllWindows()) window.webContents.send(IPC_CHANGE_CHANNEL, change)
  })

  const dataDir = context.dataDir
  createMainWindow(dataDir)
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createMainWindow(dataDir)
  })
}

// A failure anywhere in start (the database cannot be opened, say) is shown, not left unhandled.
app
  .whenReady()
  .then(() => (primary ? start() : undefined))
  .catch((error: unknown) => {
    dialog.showErrorBox('Session Buddy could not start', String(error))
    app.exit(1)
  })

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit()
})

app.on('will-quit', () => {
  void context?.close()
})
