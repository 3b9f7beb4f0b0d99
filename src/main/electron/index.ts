import { BrowserWindow, app, dialog, ipcMain } from 'electron'
import { IPC_CALL_CHANNEL, IPC_CHANGE_CHANNEL, IPC_PICK_FOLDER_CHANNEL } from '../../shared/api/channels'
import { openAppContext, type AppContext } from '../app-context'
import { createIpcCallHandler, trustedUrlCheck } from './ipc-guard'
import { electronPdf } from './print-to-pdf'
import { DEV_SERVER_URL, RENDERER_FILE_URL, createMainWindow } from './window'

// The Electron host: a thin shell around the same AppContext the HTTP server and CLI use.
let context: AppContext | undefined

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

  createMainWindow()
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createMainWindow()
  })
}

app.whenReady().then(start, (error: unknown) => {
  dialog.showErrorBox('Session Buddy could not start', String(error))
  app.exit(1)
})

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit()
})

app.on('will-quit', () => {
  void context?.close()
})
