import { scaleBand, scaleLinear } from 'd3-scale'
import { esc } from './report-format'

export const COLOURS = ['#3b5bdb', '#2f9e44', '#f08c00', '#c2255c', '#1098ad', '#7048e8', '#868e96']


/** Stacked columns of uses per period and skill, as a standalone SVG (no script, no external reference). */
export function usageSvg(buckets: string[], series: Array<{ skill: string; counts: number[] }>, width = 760, height = 260): string {
  const margin = { top: 10, right: 10, bottom: 40, left: 40 }
  const totals = buckets.map((_, i) => series.reduce((sum, s) => sum + (s.counts[i] ?? 0), 0))
  const x = scaleBand<string>().domain(buckets).range([margin.left, width - margin.right]).padding(0.15)
  const y = scaleLinear().domain([0, Math.max(1, ...totals)]).nice().range([height - margin.bottom, margin.top])
  const parts: string[] = []
  for (const tick of y.ticks(5)) {
    parts.push(`<line x1="${margin.left}" x2="${width - margin.right}" y1="${y(tick)}" y2="${y(tick)}" stroke="#dde1e6"/>`)
    parts.push(`<text x="${margin.left - 6}" y="${y(tick) + 4}" font-size="10" text-anchor="end" fill="#5b6470">${tick}</text>`)
  }
  buckets.forEach((bucket, i) => {
    let base = 0
    series.forEach((s, k) => {
      const n = s.counts[i] ?? 0
      if (n > 0) parts.push(`<rect x="${x(bucket)}" y="${y(base + n)}" width="${x.bandwidth()}" height="${y(base) - y(base + n)}" fill="${COLOURS[k % COLOURS.length]}"><title>${esc(`${bucket} ${s.skill}: ${n}`)}</title></rect>`)
      base += n
    })
  })
  const every = Math.max(1, Math.ceil(buckets.length / 10))
  buckets.forEach((bucket, i) => {
    if (i % every === 0) parts.push(`<text x="${x(bucket)! + x.bandwidth() / 2}" y="${height - margin.bottom + 14}" font-size="10" text-anchor="middle" fill="#5b6470">${esc(bucket)}</text>`)
  })
  const legend = series.map((s, k) => `<tspan fill="${COLOURS[k % COLOURS.length]}">■</tspan> ${esc(s.skill)}`).join('   ')
  parts.push(`<text x="${margin.left}" y="${height - 6}" font-size="11" fill="#1b1f24">${legend}</text>`)
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="Skill uses over time">${parts.join('')}</svg>`
}

/** Completed / failed / abandoned shares per row, as horizontal stacked bars. */
export function outcomesSvg(rows: Array<{ label: string; completed: number; failed: number; abandoned: number }>, width = 760): string {
  const rowHeight = 22
  const margin = { top: 6, right: 10, bottom: 24, left: 170 }
  const height = margin.top + margin.bottom + rowHeight * rows.length
  const x = scaleLinear().domain([0, 1]).range([margin.left, width - margin.right])
  const parts: string[] = []
  rows.forEach((r, i) => {
    const finished = r.completed + r.failed + r.abandoned
    const yPos = margin.top + i * rowHeight
    parts.push(`<text x="${margin.left - 6}" y="${yPos + 15}" font-size="11" text-anchor="end" fill="#1b1f24">${esc(r.label)}</text>`)
    let start = 0
    for (const [share, colour, name] of [
      [r.completed, '#2f9e44', 'completed'],
      [r.failed, '#e03131', 'failed'],
      [r.abandoned, '#adb5bd', 'abandoned'],
    ] as const) {
      const fraction = finished ? share / finished : 0
      if (fraction > 0) parts.push(`<rect x="${x(start)}" y="${yPos + 3}" width="${x(start + fraction) - x(start)}" height="${rowHeight - 6}" fill="${colour}"><title>${esc(`${r.label}: ${name} ${share} of ${finished}`)}</title></rect>`)
      start += fraction
    }
  })
  for (const tick of [0, 0.25, 0.5, 0.75, 1]) parts.push(`<text x="${x(tick)}" y="${height - 8}" font-size="10" text-anchor="middle" fill="#5b6470">${tick * 100}%</text>`)
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="Outcomes">${parts.join('')}</svg>`
}
