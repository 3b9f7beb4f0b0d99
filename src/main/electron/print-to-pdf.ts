import { BrowserWindow } from 'electron'

/**
 * Reports as PDF in the desktop app: the report's self-contained HTML in a hidden, sandboxed window
 * with JavaScript off, printed by Chromium's own engine.
 */
export async function electronPdf(html: string): Promise<Buffer> {
  const window = new BrowserWindow({ show: false, webPreferences: { javascript: false, sandbox: true, contextIsolation: true } })
  try {
    await window.loadURL(`data:text/html;base64,${Buffer.from(html).toString('base64')}`)
    return await window.webContents.printToPDF({ printBackground: true, pageSize: 'A4' })
  } finally {
    window.destroy()
  }
}
