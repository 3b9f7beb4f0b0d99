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

/** Token counts at a glance: 950, 12.3k, 4.5M. */
export function formatTokens(n: number | null): string {
  if (n === null) return '–'
  return new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 }).format(n)
}

/** US dollars: $0.42, $1,234.56; under a cent shows as "<$0.01"; unknown as '–'. */
export function formatCost(usd: number | null): string {
  if (usd === null) return '–'
  if (usd > 0 && usd < 0.005) return '<$0.01'
  return new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(usd)
}
