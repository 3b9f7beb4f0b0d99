import type { ReactNode } from 'react'

/** A checkbox with its label, and a hint under the label that screen readers read as its description. */
export function Toggle({ id, label, hint, checked, onChange }: { id: string; label: string; hint: ReactNode; checked: boolean; onChange: (checked: boolean) => void }) {
  return (
    <div className="toggle">
      <input id={id} type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} aria-describedby={`${id}-hint`} />
      <label htmlFor={id}>{label}</label>
      <span id={`${id}-hint`} className="cell-sub">
        {hint}
      </span>
    </div>
  )
}
