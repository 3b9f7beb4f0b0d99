import { formatDuration } from '../../shared/format-duration'
/** Formatting shared by every report format. */
export const pct = (x: number | null) => (x === null ? '–' : `${Math.round(x * 100)}%`)

export const dur = formatDuration

/** Escapes text for HTML and SVG. */
export const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
