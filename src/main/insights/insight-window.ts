import type { TrendGranularity } from '../../shared/api/insights'

export interface InsightWindow {
  /** First UTC day, inclusive; null for all time. */
  from: string | null
  /** Last UTC day, inclusive. */
  until: string
  days: number | null
  granularity: TrendGranularity
}

export const utcDay = (date: Date) => date.toISOString().slice(0, 10)

function addDays(day: string, days: number): string {
  return utcDay(new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000))
}

/** The window of an insights request; the trend granularity follows its length unless given. */
export function insightWindow(input: { days?: number; until?: string; granularity?: TrendGranularity }, now = new Date()): InsightWindow {
  const until = input.until ?? utcDay(now)
  const from = input.days ? addDays(until, -(input.days - 1)) : null
  const granularity = input.granularity ?? (input.days && input.days <= 31 ? 'day' : input.days && input.days <= 183 ? 'week' : 'month')
  return { from, until, days: input.days ?? null, granularity }
}

/** SQL for the start of the trend bucket holding `day` (weeks start on Monday). */
export function bucketSql(granularity: TrendGranularity, column = 'day'): string {
  if (granularity === 'day') return column
  if (granularity === 'week') return `date(${column}, '-' || ((cast(strftime('%w', ${column}) as integer) + 6) % 7) || ' days')`
  return `substr(${column}, 1, 7) || '-01'`
}

/** Every bucket start from `from` to `until`, so a trend has a point for quiet periods too. */
export function bucketStarts(from: string, until: string, granularity: TrendGranularity): string[] {
  const starts: string[] = []
  let cursor = from
  if (granularity === 'week') {
    const weekday = (new Date(`${from}T00:00:00Z`).getUTCDay() + 6) % 7
    cursor = addDays(from, -weekday)
  } else if (granularity === 'month') cursor = `${from.slice(0, 7)}-01`
  while (cursor <= until && starts.length < 5000) {
    starts.push(cursor)
    if (granularity === 'day') cursor = addDays(cursor, 1)
    else if (granularity === 'week') cursor = addDays(cursor, 7)
    else {
      const [y, m] = cursor.split('-').map(Number) as [number, number]
      cursor = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`
    }
  }
  return starts
}
