import type { UseQueryResult } from '@tanstack/react-query'
import type { ReactNode } from 'react'

/** Loading and error states for a query, the same on every page. */
export function QueryState<T>({ query, children }: { query: UseQueryResult<T>; children: (data: T) => ReactNode }) {
  if (query.isPending) return <p className="loading" role="status">Loading…</p>
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
