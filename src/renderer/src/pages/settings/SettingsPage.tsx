import type { DesktopSettings } from '../../../../shared/api/desktop'
import type { ApiInput } from '../../../../shared/api/contract'
import type { TeamMetricsView } from '../../../../shared/api/team-metrics'
import { useApiMutation, useApiQuery } from '../../api/client'
import { PageHeader } from '../../components/PageHeader'
import { PageSectionBlock, type PageSection } from '../../components/SectionNav'
import { QueryState } from '../../components/QueryState'
import { formatDateTime } from '../../format'
import { Toggle } from './Toggle'
import { useDraft } from './use-draft'

/** In the desktop app the preload exposes its bridge; in the browser (`session-buddy serve`) there is none. */
const inDesktopApp = () => typeof window !== 'undefined' && window.sessionBuddy !== undefined

const SECTIONS = {
  tracking: { id: 'tracking', label: 'Tracking' },
  desktop: { id: 'desktop', label: 'Desktop app' },
  team: { id: 'team', label: 'Team metrics' },
} satisfies Record<string, PageSection>

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
      <TeamMetricsSection />
    </section>
  )
}

function TrackingSection() {
  const state = useApiQuery('ingest', 'tracking-state', {})
  const pause = useApiMutation('tracking-pause', ['ingest'])
  return (
    <PageSectionBlock section={SECTIONS.tracking}>
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
    </PageSectionBlock>
  )
}

function DesktopSection() {
  const settings = useApiQuery('settings', 'desktop-settings-get', {})
  const save = useApiMutation('desktop-settings-set', ['settings'])
  const draft = useDraft(settings.data)
  const change = (current: DesktopSettings, key: keyof DesktopSettings, value: boolean) => {
    const settled = draft.begin({ ...current, [key]: value })
    save.mutate({ [key]: value }, { onSettled: settled })
  }
  return (
    <PageSectionBlock section={SECTIONS.desktop}>
      {!inDesktopApp() && <p className="cell-sub">You are using Session Buddy in the browser: these take effect in the desktop app.</p>}
      <QueryState query={settings}>
        {(fetched) => {
          const data = draft.shown ?? fetched
          return (
            <fieldset className="card settings-card">
              <legend>Window, login and notifications</legend>
              {DESKTOP_OPTIONS.map((option) => (
                <Toggle key={option.key} id={`setting-${option.key}`} label={option.label} hint={option.hint} checked={data[option.key]} onChange={(on) => change(data, option.key, on)} />
              ))}
              {save.error && <p className="form-error">{save.error.message}</p>}
            </fieldset>
          )
        }}
      </QueryState>
    </PageSectionBlock>
  )
}

/** Team metrics: the Prometheus endpoint and the OTLP push, both off until switched on here (docs/teams.md). */
function TeamMetricsSection() {
  const view = useApiQuery('settings', 'team-metrics-get', {})
  const save = useApiMutation('team-metrics-set', ['settings'])
  const draft = useDraft(view.data?.settings)
  const change = (input: ApiInput<'team-metrics-set'>) => {
    const current = draft.shown
    const settled = current
      ? draft.begin({
          prometheus: { ...current.prometheus, ...input.prometheus },
          otlp: { ...current.otlp, ...input.otlp },
          includeProjectNames: input.includeProjectNames ?? current.includeProjectNames,
        })
      : () => {}
    save.mutate(input, { onSettled: settled })
  }
  return (
    <PageSectionBlock section={SECTIONS.team}>
      <p className="cell-sub">
        Sends aggregates of the projects included in cross-project insights to your team&apos;s Prometheus or OpenTelemetry collector: run counts by skill,
        outcome and project, durations, tool calls, tokens. Never a prompt, a path or free text; projects appear as pseudonyms unless you tick names in.
      </p>
      <QueryState query={view}>{(data) => <TeamMetricsForm data={{ ...data, settings: draft.shown ?? data.settings }} save={change} error={save.error?.message ?? null} />}</QueryState>
    </PageSectionBlock>
  )
}

function TeamMetricsForm({ data, save, error }: { data: TeamMetricsView; save: (change: ApiInput<'team-metrics-set'>) => void; error: string | null }) {
  const { settings } = data
  const series = Object.entries(data.preview.series)
  return (
    <div className="card settings-card">
      <Toggle
        id="team-prometheus"
        label="Serve a Prometheus endpoint"
        checked={settings.prometheus.enabled}
        onChange={(on) => save({ prometheus: { enabled: on } })}
        hint={
          <>
            {data.prometheus.url ? `Listening: ${data.prometheus.url}` : data.prometheus.error ? `Not listening: ${data.prometheus.error}` : `Off. When on: http://${settings.prometheus.host}:${settings.prometheus.port}/metrics`}
            {data.prometheus.overriddenBy ? ` (on because of ${data.prometheus.overriddenBy})` : ''}. Bearer token in {data.tokenFile} (Prometheus: authorization.credentials_file).
          </>
        }
      />
      <div className="inline-field">
        <label htmlFor="team-port">Port</label>
        <input
          id="team-port"
          type="number"
          min={1024}
          max={65535}
          defaultValue={settings.prometheus.port}
          onBlur={(e) => Number(e.target.value) !== settings.prometheus.port && save({ prometheus: { port: Number(e.target.value) } })}
        />
        <label htmlFor="team-host">Address</label>
        <input id="team-host" defaultValue={settings.prometheus.host} onBlur={(e) => e.target.value !== settings.prometheus.host && save({ prometheus: { host: e.target.value } })} />
      </div>
      {!['127.0.0.1', 'localhost', '::1'].includes(settings.prometheus.host) && (
        <p className="form-error" role="alert">
          {settings.prometheus.host} is reachable beyond this machine: anyone on that network with the token can read these aggregates.
        </p>
      )}
      <Toggle
        id="team-otlp"
        label="Push to an OpenTelemetry collector (OTLP/HTTP)"
        checked={settings.otlp.enabled}
        onChange={(on) => save({ otlp: { enabled: on } })}
        hint={
          <>
            {data.otlp.endpoint ? `To ${data.otlp.endpoint}` : 'Off'}
            {data.otlp.lastExportAt ? `; last sent ${formatDateTime(data.otlp.lastExportAt)}` : ''}
            {data.otlp.error ? `; last error: ${data.otlp.error}` : ''}. Empty endpoint: OTEL_EXPORTER_OTLP_ENDPOINT and its sibling variables.
          </>
        }
      />
      <div className="inline-field">
        <label htmlFor="team-endpoint">Endpoint</label>
        <input
          id="team-endpoint"
          type="url"
          placeholder="http://collector:4318/v1/metrics"
          defaultValue={settings.otlp.endpoint}
          onBlur={(e) => e.target.value !== settings.otlp.endpoint && save({ otlp: { endpoint: e.target.value } })}
        />
        <label htmlFor="team-interval">Every (seconds)</label>
        <input
          id="team-interval"
          type="number"
          min={5}
          max={3600}
          defaultValue={settings.otlp.intervalSeconds}
          onBlur={(e) => Number(e.target.value) !== settings.otlp.intervalSeconds && save({ otlp: { intervalSeconds: Number(e.target.value) } })}
        />
      </div>
      <Toggle
        id="team-names"
        label="Project names instead of pseudonyms"
        checked={settings.includeProjectNames}
        onChange={(on) => save({ includeProjectNames: on })}
        hint="Off: each project is a stable pseudonym such as project-3fa2c1, the same as in exported reports."
      />
      <p className="cell-sub">
        Would send now: {data.preview.projects} project{data.preview.projects === 1 ? '' : 's'}, {data.preview.skills} skill{data.preview.skills === 1 ? '' : 's'}
        {data.preview.skills > 200 ? ' (the busiest 200 by name, the rest as "other")' : ''}; time series per metric: {series.map(([name, n]) => `${name} ${n}`).join(', ')}.
      </p>
      <div className="actions">
        <button type="button" onClick={() => save({ rotateToken: true })}>
          New token
        </button>
      </div>
      {error && <p className="form-error">{error}</p>}
    </div>
  )
}
