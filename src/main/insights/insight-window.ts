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

/** Query parameters that read whole months from the monthly roll-ups and the days at either edge from the daily tables. */
export interface WindowParams {
  /** First and last whole month inside the window (an empty range when there is none). */
  m1: string
  m2: string
  /** Days before the first whole month, and after the last one. */
  beforeFrom: string
  beforeTo: string
  afterFrom: string
  afterTo: string
}

const lastDayOfMonth = (month: string) => {
  const [y, m] = month.split('-').map(Number) as [number, number]
  return utcDay(new Date(Date.UTC(y, m, 0)))
}
const nextMonth = (month: string) => utcDay(new Date(Date.parse(`${lastDayOfMonth(month)}T00:00:00Z`) + 86_400_000)).slice(0, 7)
const previousMonth = (month: string) => utcDay(new Date(Date.parse(`${month}-01T00:00:00Z`) - 86_400_000)).slice(0, 7)

export function windowParams(window: InsightWindow): WindowParams {
  const from = window.from ?? '0000-01-01'
  const m1 = from.endsWith('-01') ? from.slice(0, 7) : nextMonth(from.slice(0, 7))
  const untilMonth = window.until.slice(0, 7)
  const m2 = window.until === lastDayOfMonth(untilMonth) ? untilMonth : previousMonth(untilMonth)
  const none = { beforeFrom: '9999-12-31', beforeTo: '0000-01-01' }
  if (m1 > m2) return { m1: '9999-12', m2: '0000-01', beforeFrom: from, beforeTo: window.until, afterFrom: none.beforeFrom, afterTo: none.beforeTo }
  return {
    m1,
    m2,
    beforeFrom: from,
    // No days before the first whole month when the window starts on a month's first day (or all time).
    beforeTo: from.endsWith('-01') ? none.beforeTo : utcDay(new Date(Date.parse(`${m1}-01T00:00:00Z`) - 86_400_000)),
    afterFrom: utcDay(new Date(Date.parse(`${lastDayOfMonth(m2)}T00:00:00Z`) + 86_400_000)),
    afterTo: window.until,
  }
}
