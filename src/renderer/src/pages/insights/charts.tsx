import { Area, AreaChart, Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts'

/** One palette for every chart, readable in light and dark themes. */
export const SERIES_COLOURS = ['#3b5bdb', '#2f9e44', '#f08c00', '#c2255c', '#1098ad', '#7048e8', '#868e96']

export function UsageOverTime({ buckets, series }: { buckets: string[]; series: Array<{ skill: string; counts: number[] }> }) {
  const data = buckets.map((bucket, i) => Object.fromEntries([['bucket', bucket], ...series.map((s) => [s.skill, s.counts[i] ?? 0])]))
  return (
    <ResponsiveContainer width="100%" height={260}>
      <AreaChart data={data} margin={{ top: 8, right: 16, bottom: 0, left: 0 }} accessibilityLayer={false}>
        <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" />
        <XAxis dataKey="bucket" tick={{ fontSize: 11 }} stroke="var(--muted)" />
        <YAxis allowDecimals={false} tick={{ fontSize: 11 }} stroke="var(--muted)" />
        <Tooltip />
        <Legend />
        {series.map((s, i) => (
          <Area key={s.skill} type="linear" dataKey={s.skill} stackId="usage" stroke={SERIES_COLOURS[i % SERIES_COLOURS.length]} fill={SERIES_COLOURS[i % SERIES_COLOURS.length]} fillOpacity={0.35} isAnimationActive={false} />
        ))}
      </AreaChart>
    </ResponsiveContainer>
  )
}

/** Completion, failure and abandonment as shares of finished uses, one stacked bar per row. */
export function OutcomeBars({ rows, height }: { rows: Array<{ label: string; completed: number; failed: number; abandoned: number }>; height?: number }) {
  const data = rows.map((r) => {
    const finished = r.completed + r.failed + r.abandoned || 1
    return { label: r.label, completed: Math.round((100 * r.completed) / finished), failed: Math.round((100 * r.failed) / finished), abandoned: Math.round((100 * r.abandoned) / finished) }
  })
  return (
    <ResponsiveContainer width="100%" height={height ?? Math.max(120, 28 * rows.length + 40)}>
      <BarChart data={data} layout="vertical" margin={{ top: 4, right: 16, bottom: 0, left: 16 }} accessibilityLayer={false}>
        <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" horizontal={false} />
        <XAxis type="number" domain={[0, 100]} allowDataOverflow unit="%" tick={{ fontSize: 11 }} stroke="var(--muted)" />
        <YAxis type="category" dataKey="label" width={190} interval={0} tick={<ShortLabel />} stroke="var(--muted)" />
        <Tooltip formatter={(value) => `${String(value)}%`} />
        <Legend />
        <Bar dataKey="completed" stackId="o" fill="#2f9e44" isAnimationActive={false} />
        <Bar dataKey="failed" stackId="o" fill="#e03131" isAnimationActive={false} />
        <Bar dataKey="abandoned" stackId="o" fill="#adb5bd" isAnimationActive={false} />
      </BarChart>
    </ResponsiveContainer>
  )
}

const LABEL_CHARS = 28

/** A category label that fits its axis: cut with an ellipsis, the whole name on hover. */
function ShortLabel(props: { x?: number | string; y?: number | string; payload?: { value?: unknown } }) {
  const label = String(props.payload?.value ?? '')
  const short = label.length > LABEL_CHARS ? `${label.slice(0, LABEL_CHARS - 1)}…` : label
  return (
    <text x={props.x} y={props.y} dy={4} textAnchor="end" fontSize={11} fill="var(--muted)">
      <title>{label}</title>
      {short}
    </text>
  )
}

/** Cost per day as bars, in US dollars. */
export function CostPerDay({ days }: { days: Array<{ day: string; cost: number }> }) {
  const data = days.map((d) => ({ day: d.day, cost: Math.round(d.cost * 100) / 100 }))
  return (
    <ResponsiveContainer width="100%" height={200}>
      <BarChart data={data} margin={{ top: 8, right: 16, bottom: 0, left: 0 }} accessibilityLayer={false}>
        <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" vertical={false} />
        <XAxis dataKey="day" tick={{ fontSize: 11 }} stroke="var(--muted)" />
        <YAxis tick={{ fontSize: 11 }} stroke="var(--muted)" tickFormatter={(v: number) => `$${v}`} width={56} />
        <Tooltip formatter={(value) => `$${Number(value).toFixed(2)}`} />
        <Bar dataKey="cost" name="cost (US$)" fill={SERIES_COLOURS[0]} isAnimationActive={false} />
      </BarChart>
    </ResponsiveContainer>
  )
}
