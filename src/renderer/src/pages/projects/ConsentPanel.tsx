import type { ReadPathsView } from '../../../../shared/api/projects'

export interface PrivacyChoices {
  track: boolean
  includeInInsights: boolean
  storePrompts: boolean
}

interface ConsentPanelProps {
  preview: ReadPathsView
  choices: PrivacyChoices
  onChange(choices: PrivacyChoices): void
  onConfirm(): void
  onCancel(): void
  busy: boolean
  error: string | null
}

export function ConsentPanel({ preview, choices, onChange, onConfirm, onCancel, busy, error }: ConsentPanelProps) {
  const toggle = (key: keyof PrivacyChoices) => onChange({ ...choices, [key]: !choices[key] })
  return (
    <section className="consent" aria-labelledby="consent-title">
      <h3 id="consent-title">
        Register <strong>{preview.name}</strong> <span className="tag">{preview.projectType}</span>
      </h3>
      <p>Session Buddy will read only these paths. Nothing leaves this machine.</p>
      <ul className="read-paths" aria-label="Paths Session Buddy will read">
        {preview.readPaths.map((p) => (
          <li key={p.path}>
            <code>{p.path}</code>
            <span className={p.exists ? 'tag tag-ok' : 'tag'}>{p.exists ? 'present' : 'not there yet'}</span>
            <div className="read-path-what">{p.what}</div>
          </li>
        ))}
      </ul>
      <fieldset className="switches">
        <legend>Privacy</legend>
        <label>
          <input type="checkbox" checked={choices.track} onChange={() => toggle('track')} /> Track this project (ingest its events)
        </label>
        <label>
          <input type="checkbox" checked={choices.includeInInsights} onChange={() => toggle('includeInInsights')} /> Include in
          cross-project insights
        </label>
        <label>
          <input type="checkbox" checked={choices.storePrompts} onChange={() => toggle('storePrompts')} /> Store my prompts with
          skill invocations
        </label>
      </fieldset>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <div className="actions">
        <button type="button" className="primary" onClick={onConfirm} disabled={busy}>
          {busy ? 'Registering…' : 'Register project'}
        </button>
        <button type="button" onClick={onCancel} disabled={busy}>
          Cancel
        </button>
      </div>
    </section>
  )
}
