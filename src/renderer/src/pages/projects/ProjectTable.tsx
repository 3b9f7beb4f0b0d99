import type { ProjectView } from '../../../../shared/api/projects'
import { useApiMutation } from '../../api/client'

export function ProjectTable({ projects, onRemove }: { projects: ProjectView[]; onRemove(project: ProjectView): void }) {
  const update = useApiMutation('projects-update', ['projects'])
  type Switch = 'track' | 'includeInInsights' | 'storePrompts'
  // Optimistic: while the update is in flight (until the list is refetched), show the value asked for.
  const shown = (project: ProjectView, key: Switch): boolean => {
    const pending = update.isPending && update.variables.id === project.id ? update.variables[key] : undefined
    return pending ?? project[key]
  }
  const toggle = (project: ProjectView, key: Switch) => update.mutate({ id: project.id, [key]: !shown(project, key) })
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
                <input type="checkbox" aria-label={`Track ${p.name}`} checked={shown(p, 'track')} onChange={() => toggle(p, 'track')} />
              </td>
              <td>
                <input
                  type="checkbox"
                  aria-label={`Include ${p.name} in insights`}
                  checked={shown(p, 'includeInInsights')}
                  onChange={() => toggle(p, 'includeInInsights')}
                />
              </td>
              <td>
                <input
                  type="checkbox"
                  aria-label={`Store prompts of ${p.name}`}
                  checked={shown(p, 'storePrompts')}
                  onChange={() => toggle(p, 'storePrompts')}
                />
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
