import { useApiQuery } from '../api/client'

/** A labelled choice of registered project, or none (`emptyLabel`). */
export function ProjectSelect({ label, emptyLabel, value, onChange }: { label: string; emptyLabel: string; value: number | undefined; onChange(id: number | undefined): void }) {
  const projects = useApiQuery('projects', 'projects-list', {})
  return (
    <label className="inline-field">
      {label}{' '}
      <select value={value ?? ''} onChange={(e) => onChange(e.target.value ? Number(e.target.value) : undefined)}>
        <option value="">{emptyLabel}</option>
        {projects.data?.map((p) => (
          <option key={p.id} value={p.id}>
            {p.name}
          </option>
        ))}
      </select>
    </label>
  )
}
