import { BrowserWindow, shell } from 'electron'
import { explainStartFailure, startFailureAction, startFailurePage } from '../desktop/start-failure'

/**
 * A start that failed (the database cannot be opened, say) shows why and what to do, with doctor's recovery,
 * instead of a bare error box. Its buttons are links the window never follows: the host acts on them.
 */
export function showStartFailure(error: unknown, location: { dataDir: string; databaseFile: string }, actions: { retry: () => void; quit: () => void }): BrowserWindow {
  const window = new BrowserWindow({
    width: 720,
    height: 560,
    title: 'Session Buddy could not start',
    webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, javascript: false },
  })
  let retrying = false
  window.webContents.on('will-navigate', (event, url) => {
    event.preventDefault()
    const action = startFailureAction(url)
    if (action === 'open-data-folder') void shell.openPath(location.dataDir)
    else if (action === 'retry') {
      retrying = true
      window.destroy()
      actions.retry()
    } else if (action === 'quit') actions.quit()
  })
  window.on('closed', () => retrying || actions.quit())
  const page = startFailurePage(explainStartFailure(error, location.databaseFile), location)
  void window.loadURL(`data:text/html;charset=utf-8,${encodeURIComponent(page)}`)
  return window
}
