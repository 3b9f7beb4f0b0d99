import { useState, type FormEvent } from 'react'
import { useApiMutation, useApiQuery, useTransport } from '../../api/client'
import { ConsentPanel, type PrivacyChoices } from './ConsentPanel'
import { FolderPathInput } from '../../components/FolderPathInput'
import { useProgress } from '../../api/use-progress'
import { ReportSummary } from './ImportPanel'

const DEFAULT_CHOICES: PrivacyChoices = { track: true, includeInInsights: true, storePrompts: false }

/** Two steps: check the folder and show exactly what will be read, then register on consent. */
export function AddProjectForm() {
  const transport = useTransport()
  const [draft, setDraft] = useState('')
  const [checkedPath, setCheckedPath] = useState<string | null>(null)
  const [choices, setChoices] = useState<PrivacyChoices>(DEFAULT_CHOICES)
  const preview = useApiQuery('projects', 'projects-preview', { path: checkedPath ?? '' }, { enabled: checkedPath !== null })
  const add = useApiMutation('projects-add', ['projects'])
  // Registering starts the import of the project's Claude Code history at once.
  const history = useApiMutation('import-run', ['sessions', 'skills', 'projects'])
  const progress = useProgress('import:claude-code')
  // The app may have read the history already (it follows tracked projects' transcripts): say what is stored, not only what this import added.
  const projects = useApiQuery('projects', 'projects-list', {}, { enabled: history.isSuccess })
  const registered = projects.data?.find((p) => p.id === add.data?.id)

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
        onSuccess: (project) => {
          setDraft('')
          setCheckedPath(null)
          setChoices(DEFAULT_CHOICES)
          history.mutate({ source: 'claude-code', projectId: project.id })
        },
      },
    )
  }

  return (
    <div className="card">
      <form className="add-project" onSubmit={check} aria-label="Add a project">
        <label htmlFor="project-path">Project folder</label>
        <div className="input-row">
          <FolderPathInput
            id="project-path"
            value={draft}
            onChange={(value) => {
              setDraft(value)
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
      {history.isPending && (
        <p className="progress" role="status">
          Importing Claude Code history of {add.data?.name}: {progress ? <><progress max={progress.total} value={progress.done} /> {progress.done} of {progress.total} files</> : 'starting…'}
        </p>
      )}
      {history.error && <p className="form-error" role="alert">Import of {add.data?.name}'s history failed: {history.error.message}</p>}
      {history.data && registered && (
        <p className="report" role="status" aria-label="Registered project">
          {registered.name} registered: {registered.counts.invocations} skill invocations in {registered.counts.sessions}{' '}
          {registered.counts.sessions === 1 ? 'session' : 'sessions'} so far. New sessions appear as Claude Code writes them.
        </p>
      )}
      {history.data && (history.data.invocationsAdded > 0 || history.data.problems.length > 0 || Object.keys(history.data.skipped).length > 0) && (
        <ReportSummary report={history.data} title={`Import of ${add.data?.name ?? 'its'} Claude Code history`} />
      )}
    </div>
  )
}
