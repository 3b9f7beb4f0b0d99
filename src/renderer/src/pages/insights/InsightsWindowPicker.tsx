import type { TrendGranularity } from '../../../../shared/api/insights'

export interface InsightsWindowState {
  days: number | undefined
  granularity: TrendGranularity | undefined
}

const WINDOWS: Array<{ label: string; days: number | undefined }> = [
  { label: 'Last 7 days', days: 7 },
  { label: 'Last 30 days', days: 30 },
  { label: 'Last 90 days', days: 90 },
  { label: 'Last year', days: 365 },
  { label: 'All time', days: undefined },
]

/** The last N days, or all time: one list of windows for every page that has one. */
export function WindowSelect({ days, onChange }: { days: number | undefined; onChange(days: number | undefined): void }) {
  return (
    <label>
      Window
      <select aria-label="Window" value={days ?? ''} onChange={(e) => onChange(e.target.value ? Number(e.target.value) : undefined)}>
        {WINDOWS.map((w) => (
          <option key={w.label} value={w.days ?? ''}>
            {w.label}
          </option>
        ))}
      </select>
    </label>
  )
}

export function InsightsWindowPicker({ value, onChange }: { value: InsightsWindowState; onChange(value: InsightsWindowState): void }) {
  return (
    <div className="filters" role="group" aria-label="Time window">
      <WindowSelect days={value.days} onChange={(days) => onChange({ ...value, days })} />
      <label>
        Trend by
        <select aria-label="Trend by" value={value.granularity ?? ''} onChange={(e) => onChange({ ...value, granularity: (e.target.value || undefined) as TrendGranularity | undefined })}>
          <option value="">Automatic</option>
          <option value="day">Day</option>
          <option value="week">Week</option>
          <option value="month">Month</option>
        </select>
      </label>
    </div>
  )
}

export const windowInput = (w: InsightsWindowState) => ({ ...(w.days ? { days: w.days } : {}), ...(w.granularity ? { granularity: w.granularity } : {}) })
