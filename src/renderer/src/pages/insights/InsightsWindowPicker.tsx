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

export function InsightsWindowPicker({ value, onChange }: { value: InsightsWindowState; onChange(value: InsightsWindowState): void }) {
  return (
    <div className="filters" role="group" aria-label="Time window">
      <label>
        Window
        <select aria-label="Window" value={value.days ?? ''} onChange={(e) => onChange({ ...value, days: e.target.value ? Number(e.target.value) : undefined })}>
          {WINDOWS.map((w) => (
            <option key={w.label} value={w.days ?? ''}>
              {w.label}
            </option>
          ))}
        </select>
      </label>
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
