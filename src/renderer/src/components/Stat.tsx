import type { ReactNode } from 'react'

/** One figure in a `<dl className="stats">`. */
export function Stat({ label, value }: { label: string; value: ReactNode }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  )
}
