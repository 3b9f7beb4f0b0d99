import { useState, type FormEvent } from 'react'
import { useApiMutation, useApiQuery, useTransport } from '../../api/client'
import { ConsentPanel, type PrivacyChoices } from './ConsentPanel'

const DEFAULT_CHOICES: PrivacyChoices = { track: true, includeInInsights: true, storePrompts: false }

/** Two steps: check the folder and show exactly what will be read, then register on consent. */
export function AddProjectForm() {
  const transport = useTransport()
  const [draft, setDraft] = useState('')
  const [checkedPath, setCheckedPath] = useState<string | null>(null)
  const [choices, setChoices] = useState<PrivacyChoices>(DEFAULT_CHOICES)
  const preview = useApiQuery('projects', 'projects-preview', { path: checkedPath ?? '' }, { enabled: checkedPath !== null })
  const add = useApiMutation('projects-add', ['projects'])

  const check = (event: FormEvent) => {
    event.preventDefault()
    add.reset()
    if (draft.trim()) setCheckedPath(draft.trim())
  }
  const browse = async () => {
    const picked = await transport.pickFolder?.()
    if (picked) {
      setDraft(picked)
      setCheckedPath(picked)
    }
  }
  const register = () => {
    if (!preview.data) return
    add.mutate(
      { path: preview.data.path, ...choices },
      {
        onSuccess: () => {
          setDraft('')
          setCheckedPath(null)
          setChoices(DEFAULT_CHOICES)
        },
      },
    )
  }

  return (
    <div className="card">
      <form className="add-project" onSubmit={check} aria-label="Add a project">
        <label htmlFor="project-path">Project folder</label>
        <div className="input-row">
          <input
            id="project-path"
            type="text"
            placeholder="/home/you/code/my-project"
            value={draft}
            autoComplete="off"
            spellCheck={false}
            onChange={(e) => {
              setDraft(e.target.value)
              setCheckedPath(null)
            }}
          />
          {transport.pickFolder && (
            <button type="button" onClick={() => void browse()}>
              Browse…
            </button>
          )}
          <button type="submit" disabled={!draft.trim()}>
            Check folder
          </button>
        </div>
      </form>
      {checkedPath !== null && preview.isPending && <p className="loading" role="status">Checking {checkedPath}…</p>}
      {checkedPath !== null && preview.isError && (
        <p className="form-error" role="alert">
          {preview.error.message}
        </p>
      )}
      {checkedPath !== null && preview.data && (
        <ConsentPanel
          preview={preview.data}
          choices={choices}
          onChange={setChoices}
          onConfirm={register}
          onCancel={() => setCheckedPath(null)}
          busy={add.isPending}
          error={add.error?.message ?? null}
        />
      )}
    </div>
  )
}
