import type { UseQueryResult } from '@tanstack/react-query'
import type { ReactNode } from 'react'

/** Loading and error states for a query, the same on every page. */
export function QueryState<T>({ query, children, rows = 4 }: { query: UseQueryResult<T>; children: (data: T) => ReactNode; rows?: number }) {
  if (query.isPending) return <Skeleton rows={rows} />
  if (query.isError) {
    return (
      <div className="error-box" role="alert">
        <p>{query.error.message}</p>
        <button type="button" onClick={() => void query.refetch()}>
          Try again
        </button>
      </div>
    )
  }
  return <>{children(query.data)}</>
}

/** Grey rows where the content will be, instead of a bare "Loading…"; screen readers hear "Loading". */
export function Skeleton({ rows = 4 }: { rows?: number }) {
  return (
    <div className="skeleton" role="status" aria-label="Loading">
      {Array.from({ length: rows }, (_, i) => (
        <span key={i} className="skeleton-row" style={{ width: `${92 - ((i * 17) % 35)}%` }} />
      ))}
    </div>
  )
}
