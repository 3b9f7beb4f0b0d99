import { execFile } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { CHROMIUM_OFFLINE_ARGS, findChromium } from '../system/chromium'

/** Turns a self-contained HTML page into a PDF. The desktop app passes Electron's printToPDF. */
export type PdfRenderer = (html: string) => Promise<Buffer>

/**
 * PDF through a headless Chromium on this machine (when serving without Electron). The page is a
 * local file and Chromium's background networking is off, so printing opens no connection.
 */
export function chromiumPdfRenderer(chromiumPath?: string): PdfRenderer {
  return async (html) => {
    const chromium = chromiumPath ?? findChromium()
    if (!chromium) {
      throw new Error('PDF export needs Chromium or Chrome (set CHROMIUM_PATH), or the desktop app; export HTML and print it from a browser instead')
    }
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'session-buddy-pdf-'))
    try {
      const page = path.join(dir, 'report.html')
      const pdf = path.join(dir, 'report.pdf')
      fs.writeFileSync(page, html)
      const args = [
        ...CHROMIUM_OFFLINE_ARGS,
        `--user-data-dir=${path.join(dir, 'profile')}`,
        '--no-pdf-header-footer',
        `--print-to-pdf=${pdf}`,
        ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
        pathToFileURL(page).href,
      ]
      await new Promise<void>((resolve, reject) =>
        execFile(chromium, args, { timeout: 60_000 }, (error, _stdout, stderr) => (error ? reject(new Error(`Chromium could not print the report: ${stderr.split('\n').filter(Boolean).slice(-1)[0] ?? error.message}`)) : resolve())),
      )
      if (!fs.existsSync(pdf)) throw new Error('Chromium exited without writing the PDF')
      return fs.readFileSync(pdf)
    } finally {
      fs.rmSync(dir, { recursive: true, force: true })
    }
  }
}
