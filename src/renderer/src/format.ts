export { formatDuration } from '../../shared/format-duration'

export function formatRate(rate: number | null): string {
  return rate === null ? '–' : `${Math.round(rate * 100)}%`
}

export function formatDateTime(iso: string): string {
  return new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' })
}

/** A date that fits a table cell: "2 Dec", or "2 Dec 2025" outside the current year. */
export function formatShortDate(iso: string, now = new Date()): string {
  const date = new Date(iso)
  return date.toLocaleDateString(undefined, date.getFullYear() === now.getFullYear() ? { day: 'numeric', month: 'short' } : { day: 'numeric', month: 'short', year: 'numeric' })
}
