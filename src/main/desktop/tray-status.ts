import type { TrackingState } from '../../shared/api/desktop'

/** Menu commands the tray offers; the Electron host maps each to what it does. */
export type TrayCommand = 'open-window' | 'pause-1h' | 'resume' | 'open-data-folder' | 'quit'

export interface TrayMenuItem {
  /** Absent on a line that only informs (disabled, no click). */
  command?: TrayCommand
  label: string
}

export interface TrayView {
  /** The hover text: the status in one or two lines. */
  tooltip: string
  /** Status lines first (not clickable), then the commands. */
  menu: Array<TrayMenuItem | 'separator'>
  /** Which icon: a paused icon while paused, an alert one after an ingest problem today. */
  icon: 'tracking' | 'paused' | 'problem'
}

const clock = (iso: string) => new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })

/** The tray's status lines and menu for a tracking state: pure, so every case is tested without Electron. */
export function trayView(state: TrackingState, now = new Date()): TrayView {
  const status = state.pausedUntil ? `Tracking paused until ${clock(state.pausedUntil)}` : 'Tracking on'
  const runs = `${state.runsToday} skill run${state.runsToday === 1 ? '' : 's'} today`
  const error = state.lastIngestError
  const errorToday = error !== null && new Date(error.at).toDateString() === now.toDateString()
  const problem = error ? `Last ingest problem: ${fileName(error.file)}${error.line ? `:${error.line}` : ''} (${shorten(error.reason, 60)})` : null

  const menu: TrayView['menu'] = [{ label: status }, { label: runs }]
  if (problem && errorToday) menu.push({ label: problem })
  menu.push(
    'separator',
    { command: 'open-window', label: 'Open Session Buddy' },
    state.pausedUntil ? { command: 'resume', label: 'Resume tracking' } : { command: 'pause-1h', label: 'Pause tracking for 1 hour' },
    { command: 'open-data-folder', label: 'Open data folder' },
    'separator',
    { command: 'quit', label: 'Quit Session Buddy' },
  )
  return {
    tooltip: ['Session Buddy', `${status} · ${runs}`, ...(problem && errorToday ? [problem] : [])].join('\n'),
    menu,
    icon: state.pausedUntil ? 'paused' : errorToday ? 'problem' : 'tracking',
  }
}

function fileName(file: string): string {
  return file.split(/[\\/]/).pop() ?? file
}

function shorten(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`
}
