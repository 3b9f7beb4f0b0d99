import { useQueryClient } from '@tanstack/react-query'
import type { DesktopSettings } from '../../../../shared/api/desktop'
import { useApiMutation, useApiQuery } from '../../api/client'
import { PageHeader } from '../../components/PageHeader'
import { QueryState } from '../../components/QueryState'
import { formatDateTime } from '../../format'

/** In the desktop app the preload exposes its bridge; in the browser (`session-buddy serve`) there is none. */
const inDesktopApp = () => typeof window !== 'undefined' && window.sessionBuddy !== undefined

const DESKTOP_OPTIONS: Array<{ key: keyof DesktopSettings; label: string; hint: string }> = [
  {
    key: 'keepRunningInTray',
    label: 'Keep tracking in the tray when the window is closed',
    hint: 'Off: closing the window quits Session Buddy, and nothing is read until you open it again (nothing is lost: it catches up then).',
  },
  { key: 'openAtLogin', label: 'Open at login', hint: 'Starts in the tray when you log in, without a window.' },
  {
    key: 'notifySkillFailures',
    label: 'Notify me when a skill fails 3 times in a row',
    hint: 'Per project; runs whose outcome is unknown are skipped. Told once per streak.',
  },
  { key: 'notifyImportFinished', label: 'Notify me when an import has finished', hint: 'With how many skill runs it added.' },
]

export function SettingsPage() {
  return (
    <section aria-labelledby="page-title">
      <PageHeader title="Settings" subtitle="How Session Buddy runs on this machine. Everything here stays on it." />
      <TrackingSection />
      <DesktopSection />
    </section>
  )
}

function TrackingSection() {
  const state = useApiQuery('ingest', 'tracking-state', {})
  const pause = useApiMutation('tracking-pause', ['ingest'])
  return (
    <section className="page-section" aria-labelledby="tracking-title">
      <h2 id="tracking-title" className="section-title">
        Tracking
      </h2>
      <QueryState query={state}>
        {(data) => (
          <div className="card settings-card">
            <p className="tracking-status" role="status">
              {data.pausedUntil ? `Paused until ${formatDateTime(data.pausedUntil)}.` : 'On: event logs and transcripts are read as they change.'}{' '}
              {data.runsToday} skill run{data.runsToday === 1 ? '' : 's'} today.
            </p>
            {data.lastIngestError && (
              <p className="cell-sub">
                Last ingest problem: {data.lastIngestError.file}
                {data.lastIngestError.line ? `:${data.lastIngestError.line}` : ''} ({data.lastIngestError.reason}), {formatDateTime(data.lastIngestError.at)}
              </p>
            )}
            <div className="actions">
              {data.pausedUntil ? (
                <button type="button" onClick={() => pause.mutate({ minutes: null })} disabled={pause.isPending}>
                  Resume tracking
                </button>
              ) : (
                <button type="button" onClick={() => pause.mutate({ minutes: 60 })} disabled={pause.isPending}>
                  Pause tracking for 1 hour
                </button>
              )}
            </div>
            <p className="cell-sub">
              While paused, Session Buddy reads nothing. Hooks still write to each project&apos;s event log and Claude Code to its transcripts, and both are read
              when tracking resumes.
            </p>
            {pause.error && <p className="form-error">{pause.error.message}</p>}
          </div>
        )}
      </QueryState>
    </section>
  )
}

function DesktopSection() {
  const settings = useApiQuery('settings', 'desktop-settings-get', {})
  const save = useApiMutation('desktop-settings-set', ['settings'])
  const queryClient = useQueryClient()
  // The box shows the new state at once; the saved settings come back with the refetch.
  const change = (current: DesktopSettings, key: keyof DesktopSettings, value: boolean) => {
    queryClient.setQueryData(['settings', 'desktop-settings-get', {}], { ...current, [key]: value })
    save.mutate({ [key]: value })
  }
  return (
    <section className="page-section" aria-labelledby="desktop-title">
      <h2 id="desktop-title" className="section-title">
        Desktop app
      </h2>
      {!inDesktopApp() && <p className="cell-sub">You are using Session Buddy in the browser: these take effect in the desktop app.</p>}
      <QueryState query={settings}>
        {(data) => (
          <fieldset className="card settings-card">
            <legend>Window, login and notifications</legend>
            {DESKTOP_OPTIONS.map((option) => (
              <div key={option.key} className="toggle">
                <input
                  id={`setting-${option.key}`}
                  type="checkbox"
                  checked={data[option.key]}
                  onChange={(e) => change(data, option.key, e.target.checked)}
                  aria-describedby={`setting-${option.key}-hint`}
                />
                <label htmlFor={`setting-${option.key}`}>{option.label}</label>
                <span id={`setting-${option.key}-hint`} className="cell-sub">
                  {option.hint}
                </span>
              </div>
            ))}
            {save.error && <p className="form-error">{save.error.message}</p>}
          </fieldset>
        )}
      </QueryState>
    </section>
  )
}
