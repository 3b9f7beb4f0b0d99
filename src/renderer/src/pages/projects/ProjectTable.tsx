import type { ProjectView } from '../../../../shared/api/projects'
import { useState } from 'react'
import type { ApiInput } from '../../../../shared/api/contract'
import { useApiMutation } from '../../api/client'

export function ProjectTable({ projects, onRemove }: { projects: ProjectView[]; onRemove(project: ProjectView): void }) {
  const update = useApiMutation('projects-update', ['projects'])
  return (
    <>
      {update.isError && (
        <p className="form-error" role="alert">
          {update.error.message}
        </p>
      )}
      <table className="table" aria-label="Registered projects">
        <thead>
          <tr>
            <th scope="col">Project</th>
            <th scope="col">Type</th>
            <th scope="col">Track</th>
            <th scope="col">In insights</th>
            <th scope="col">Store prompts</th>
            <th scope="col" className="num">Sessions</th>
            <th scope="col" className="num">Invocations</th>
            <th scope="col" className="num">Ingest errors</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {projects.map((p) => (
            <tr key={p.id} data-testid="project-row">
              <td>
                <div className="cell-title">{p.name}</div>
                <code className="cell-sub">{p.path}</code>
              </td>
              <td>
                <span className="tag">{p.projectType}</span>
              </td>
              <td>
                <PrivacySwitch project={p} field="track" label={`Track ${p.name}`} update={update.mutate} />
              </td>
              <td>
                <PrivacySwitch project={p} field="includeInInsights" label={`Include ${p.name} in insights`} update={update.mutate} />
              </td>
              <td>
                <PrivacySwitch project={p} field="storePrompts" label={`Store prompts of ${p.name}`} update={update.mutate} />
              </td>
              <td className="num">{p.counts.sessions}</td>
              <td className="num">{p.counts.invocations}</td>
              <td className="num">
                {p.counts.ingestErrors > 0 ? <span className="badge badge-error">{p.counts.ingestErrors}</span> : 0}
              </td>
              <td>
                <button type="button" className="danger-outline" onClick={() => onRemove(p)} aria-label={`Remove ${p.name}`}>
                  Remove
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  )
}

type Switch = 'track' | 'includeInInsights' | 'storePrompts'

interface PrivacySwitchProps {
  project: ProjectView
  field: Switch
  label: string
  update: (input: ApiInput<'projects-update'>, options: { onSettled: () => void }) => void
}

/** A checkbox that shows the new value at once and until the saved list has been fetched again. */
function PrivacySwitch({ project, field, label, update }: PrivacySwitchProps) {
  const [pending, setPending] = useState<boolean | null>(null)
  const checked = pending ?? project[field]
  return (
    <input
      type="checkbox"
      aria-label={label}
      checked={checked}
      onChange={() => {
        if (field === 'storePrompts' && checked && !window.confirm(`Stop storing prompts for ${project.name}? The prompt text already stored for it is deleted too.`)) return
        setPending(!checked)
        update({ id: project.id, [field]: !checked }, { onSettled: () => setPending(null) })
      }}
    />
  )
}
