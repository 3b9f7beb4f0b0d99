import type { FacetCount, SessionSearchResult } from '../../../../shared/api/correlation'

export interface SessionFilterState {
  projectId: string
  skill: string
  status: string
  pattern: string
  from: string
  to: string
  text: string
  sort: string
}

export const NO_FILTERS: SessionFilterState = { projectId: '', skill: '', status: '', pattern: '', from: '', to: '', text: '', sort: '' }

interface Props {
  filters: SessionFilterState
  facets: SessionSearchResult['facets'] | undefined
  onChange(filters: SessionFilterState): void
}

/** Filters with the number of sessions each choice would give. */
export function SessionFilters({ filters, facets, onChange }: Props) {
  const set = (key: keyof SessionFilterState) => (e: { target: { value: string } }) => onChange({ ...filters, [key]: e.target.value })
  return (
    <form className="filters" role="search" aria-label="Filter sessions" onSubmit={(e) => e.preventDefault()}>
      <label>
        Search
        <input type="search" placeholder="prompts and skill names" value={filters.text} onChange={set('text')} />
      </label>
      <FacetSelect label="Project" value={filters.projectId} options={facets?.projects} onChange={set('projectId')} />
      <FacetSelect label="Skill" value={filters.skill} options={facets?.skills} onChange={set('skill')} />
      <FacetSelect label="Status" value={filters.status} options={facets?.statuses} onChange={set('status')} />
      <FacetSelect label="Pattern" value={filters.pattern} options={facets?.patterns} onChange={set('pattern')} />
      <label>
        From
        <input type="date" value={filters.from} onChange={set('from')} />
      </label>
      <label>
        To
        <input type="date" value={filters.to} onChange={set('to')} />
      </label>
      <label>
        Sort by
        <select value={filters.sort} onChange={set('sort')}>
          <option value="">Newest first</option>
          <option value="cost">Highest cost</option>
          <option value="tokens">Most tokens</option>
        </select>
      </label>
      <button type="button" onClick={() => onChange(NO_FILTERS)}>
        Clear
      </button>
    </form>
  )
}

function FacetSelect({ label, value, options, onChange }: { label: string; value: string; options: FacetCount[] | undefined; onChange(e: { target: { value: string } }): void }) {
  const selectedMissing = value && !options?.some((o) => o.value === value)
  return (
    <label>
      {label}
      <select value={value} onChange={onChange}>
        <option value="">All</option>
        {selectedMissing && <option value={value}>{value} (0)</option>}
        {options?.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label} ({o.count})
          </option>
        ))}
      </select>
    </label>
  )
}
