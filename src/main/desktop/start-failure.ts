/** What the failing-start window says: why the app could not start, and what to do about it. */
export interface StartFailureExplanation {
  title: string
  /** What went wrong, in plain words. */
  cause: string
  /** Steps to try, most likely first; each may carry a command to run in a terminal. */
  steps: Array<{ text: string; command?: string }>
}

/** The window's buttons; the host acts on them (links with this scheme never navigate). */
export const FAILURE_ACTION_SCHEME = 'session-buddy-action:'
export type StartFailureAction = 'retry' | 'open-data-folder' | 'quit'
const ACTIONS: StartFailureAction[] = ['retry', 'open-data-folder', 'quit']

export function startFailureAction(url: string): StartFailureAction | null {
  if (!url.startsWith(FAILURE_ACTION_SCHEME)) return null
  const action = url.slice(FAILURE_ACTION_SCHEME.length) as StartFailureAction
  return ACTIONS.includes(action) ? action : null
}

const DOCTOR = { text: 'Check the database and its backups:', command: 'npx session-buddy doctor' }
const RESTORE = { text: 'Restore the newest backup (the current file is kept as a before-restore copy):', command: 'npx session-buddy doctor --restore latest' }

/** Reads the error a start failed with and says what it means, with `doctor`'s recovery where it helps. */
export function explainStartFailure(error: unknown, databaseFile: string): StartFailureExplanation {
  const message = error instanceof Error ? error.message : String(error)
  const code = (error as NodeJS.ErrnoException | undefined)?.code ?? ''
  const title = 'Session Buddy could not open its database'
  if (/NODE_MODULE_VERSION|was compiled against a different Node\.js version|invalid ELF header|better_sqlite3\.node/i.test(message)) {
    return {
      title: 'Session Buddy\'s database driver does not fit this Electron',
      cause: `better-sqlite3 was built for another runtime (${message.split('\n')[0]}). Your data is untouched.`,
      steps: [
        { text: 'In a source checkout, build the driver for Electron, then start again:', command: 'npm run build:electron-binding' },
        { text: 'Or use Session Buddy in the browser meanwhile:', command: 'npx session-buddy serve' },
      ],
    }
  }
  if (/SQLITE_BUSY|database is locked/i.test(`${code} ${message}`)) {
    return {
      title,
      cause: `Another process holds ${databaseFile} locked (${message}). Your data is untouched.`,
      steps: [{ text: 'Close other Session Buddy windows and any "session-buddy serve" or import still running, then retry.' }, DOCTOR],
    }
  }
  if (/EACCES|EPERM|SQLITE_READONLY|SQLITE_CANTOPEN|readonly/i.test(`${code} ${message}`)) {
    return {
      title,
      cause: `Session Buddy may not read or write ${databaseFile} (${message}).`,
      steps: [{ text: 'Give your user read and write access to the data folder (open it below), then retry.' }, DOCTOR],
    }
  }
  if (/ENOSPC|SQLITE_FULL|disk is full/i.test(`${code} ${message}`)) {
    return { title, cause: `The disk holding ${databaseFile} is full (${message}). Your data is untouched.`, steps: [{ text: 'Free some space, then retry.' }, DOCTOR] }
  }
  if (code === 'SESSION_BUDDY_NEWER_DATABASE') {
    return {
      title,
      cause: `The database was written by a newer Session Buddy (${message}). This version cannot read it safely.`,
      steps: [{ text: 'Install the newer version again, or restore a backup this version made:' , command: RESTORE.command }, DOCTOR],
    }
  }
  return { title, cause: message, steps: [DOCTOR, RESTORE, { text: 'Still stuck? Open the data folder and attach doctor\'s output to an issue.' }] }
}

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

/** The window's page: static HTML, no script, the strictest CSP; buttons are links the host intercepts. */
export function startFailurePage(explanation: StartFailureExplanation, location: { dataDir: string }): string {
  const steps = explanation.steps
    .map((step) => `<li>${escape(step.text)}${step.command ? `<pre>${escape(step.command)}</pre>` : ''}</li>`)
    .join('')
  return `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${escape(explanation.title)}</title>
<style>
body{font:14px/1.5 system-ui,sans-serif;margin:0;padding:28px 32px;color:#1d2430;background:#f7f8fa}
@media (prefers-color-scheme:dark){body{color:#e6e9ef;background:#16181d}pre{background:#23262e!important}}
h1{font-size:20px;margin:0 0 12px}p.cause{margin:0 0 16px;white-space:pre-wrap}
pre{background:#eceef2;padding:8px 10px;border-radius:6px;user-select:all;overflow-x:auto}
nav{display:flex;gap:10px;margin-top:20px}a{padding:8px 14px;border-radius:6px;text-decoration:none;background:#2f5fd0;color:#fff}
a.quiet{background:transparent;color:inherit;border:1px solid #9aa3b2}small{color:#6b7482}
</style></head><body>
<h1>${escape(explanation.title)}</h1>
<p class="cause">${escape(explanation.cause)}</p>
<ol>${steps}</ol>
<small>Data folder: ${escape(location.dataDir)}</small>
<nav><a href="${FAILURE_ACTION_SCHEME}retry">Retry</a><a class="quiet" href="${FAILURE_ACTION_SCHEME}open-data-folder">Open data folder</a><a class="quiet" href="${FAILURE_ACTION_SCHEME}quit">Quit</a></nav>
</body></html>`
}
