/** A duration as a person reads it: 850 ms, 12.3 s, 4 min 5 s, 20 min, 3 h 12 min, 2 d 4 h; '–' when unknown. */
export function formatDuration(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms)) return '–'
  if (ms < 1000) return `${Math.round(ms)} ms`
  if (ms < 60_000) return `${(Math.round(ms / 100) / 10).toFixed(1)} s`
  const totalSeconds = Math.round(ms / 1000)
  if (totalSeconds < 3600) return both(Math.floor(totalSeconds / 60), 'min', totalSeconds % 60, 's')
  const totalMinutes = Math.round(ms / 60_000)
  if (totalMinutes < 24 * 60) return both(Math.floor(totalMinutes / 60), 'h', totalMinutes % 60, 'min')
  const totalHours = Math.round(ms / 3_600_000)
  return both(Math.floor(totalHours / 24), 'd', totalHours % 24, 'h')
}

/** "20 min", not "20 min 0 s". */
const both = (big: number, bigUnit: string, small: number, smallUnit: string) => (small ? `${big} ${bigUnit} ${small} ${smallUnit}` : `${big} ${bigUnit}`)
