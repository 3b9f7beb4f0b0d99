import { scaleTime } from 'd3-scale'
import { useId, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent, type PointerEvent, type WheelEvent } from 'react'
import type { TimelineBar, TimelineLayout } from './timeline-layout'

const LANE_HEIGHT = 28
const LABEL_WIDTH = 110
const AXIS_HEIGHT = 24
/** Room at the plot's right end, so the last tick's label is never cut. */
const RIGHT_PAD = 28
const MIN_SPAN_MS = 1000
/** A bar this wide (px) or more carries its name. */
const LABELLED_BAR_PX = 60
const CHAR_PX = 6.5

/** Tick labels in the user's locale, one format for the whole axis, chosen by the span in view. */
function tickFormat(span: number): Intl.DateTimeFormat {
  if (span < 3 * 60_000) return new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit', second: '2-digit' })
  if (span < 2 * 86_400_000) return new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit' })
  return new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' })
}

/**
 * Ticks as many as their labels leave room for; a label that would touch the one before it is left
 * out (its grid line stays), so no two labels ever overlap whatever the locale's format.
 */
function axisTicks(x: ReturnType<typeof scaleTime<number>>, plotWidth: number, format: Intl.DateTimeFormat) {
  const labelPx = (text: string) => text.length * CHAR_PX
  const widest = labelPx(format.format(x.domain()[0]!))
  let lastRight = -Infinity
  return x.ticks(Math.max(2, Math.floor(plotWidth / (widest + 24)))).map((tick) => {
    const at = x(tick)
    const text = format.format(tick)
    const width = labelPx(text)
    const anchor: 'start' | 'middle' | 'end' = at + width / 2 > plotWidth ? 'end' : at - width / 2 < 0 ? 'start' : 'middle'
    const left = anchor === 'start' ? at : anchor === 'end' ? at - width : at - width / 2
    const fits = left >= lastRight + 12
    if (fits) lastRight = left + width
    return { tick, at, anchor, label: fits ? text : null }
  })
}

const LEGEND: Array<{ className: string; label: string }> = [
  { className: 'bar-completed', label: 'completed' },
  { className: 'bar-failed', label: 'failed' },
  { className: 'bar-abandoned', label: 'abandoned' },
  { className: 'bar-unknown', label: 'outcome unknown' },
  { className: 'bar-running', label: 'running' },
  { className: 'bar-prompt', label: 'prompt' },
  { className: 'bar-idle', label: 'idle' },
]

/**
 * The session timeline (give it a `key` per session: zoom state starts from the layout's domain): swimlanes drawn in SVG on a d3 time scale. Wheel or +/- zooms, drag or the
 * arrow keys pan, 0 resets; each bar takes keyboard focus and shows its details on hover or focus.
 */
export function Timeline({ layout, onSelect, marker }: { layout: TimelineLayout; onSelect?: (bar: TimelineBar) => void; marker?: number | null }) {
  const container = useRef<HTMLDivElement>(null)
  const [width, setWidth] = useState(900)
  const [view, setView] = useState<[number, number]>(layout.domain)
  const [active, setActive] = useState<{ bar: TimelineBar; x: number; y: number } | null>(null)
  const drag = useRef<{ x: number; view: [number, number] } | null>(null)

  useLayoutEffect(() => {
    const element = container.current
    if (!element) return
    const observer = new ResizeObserver(() => setWidth(element.clientWidth))
    observer.observe(element)
    setWidth(element.clientWidth)
    return () => observer.disconnect()
  }, [])

  // A moment picked in the conversation: bring it into view, keeping the zoom (adjusted while rendering, not in an effect).
  const [shownMarker, setShownMarker] = useState(marker)
  if (marker !== shownMarker) {
    setShownMarker(marker)
    if (marker != null && (marker < view[0] || marker > view[1])) setView(clamp([marker - (view[1] - view[0]) / 2, marker + (view[1] - view[0]) / 2], layout.domain))
  }

  const plotWidth = Math.max(200, width - LABEL_WIDTH - RIGHT_PAD)
  const x = useMemo(() => scaleTime().domain(view).range([0, plotWidth]), [view, plotWidth])
  const height = AXIS_HEIGHT + layout.lanes.length * LANE_HEIGHT
  const visible = layout.bars.filter((b) => b.end >= view[0] && b.start <= view[1])
  const format = tickFormat(view[1] - view[0])
  const clipId = `timeline-plot-${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`

  const zoom = (factor: number, anchor = 0.5) =>
    setView(([a, b]) => {
      const span = Math.max(MIN_SPAN_MS, (b - a) * factor)
      const center = a + (b - a) * anchor
      return clamp([center - span * anchor, center + span * (1 - anchor)], layout.domain)
    })
  const pan = (share: number) => setView(([a, b]) => clamp([a + (b - a) * share, b + (b - a) * share], layout.domain))

  const onWheel = (e: WheelEvent) => {
    const bounds = e.currentTarget.getBoundingClientRect()
    zoom(e.deltaY > 0 ? 1.25 : 0.8, Math.min(1, Math.max(0, (e.clientX - bounds.left - LABEL_WIDTH) / plotWidth)))
  }
  const onKeyDown = (e: KeyboardEvent) => {
    const actions: Record<string, () => void> = { '+': () => zoom(0.8), '=': () => zoom(0.8), '-': () => zoom(1.25), ArrowLeft: () => pan(-0.1), ArrowRight: () => pan(0.1), '0': () => setView(layout.domain) }
    const action = actions[e.key]
    if (action) {
      e.preventDefault()
      action()
    }
  }
  const onPointerDown = (e: PointerEvent) => {
    if ((e.target as Element).tagName === 'rect' && (e.target as Element).getAttribute('data-bar')) return
    drag.current = { x: e.clientX, view }
    e.currentTarget.setPointerCapture(e.pointerId)
  }
  const onPointerMove = (e: PointerEvent) => {
    if (!drag.current) return
    const [a, b] = drag.current.view
    const shift = ((drag.current.x - e.clientX) / plotWidth) * (b - a)
    setView(clamp([a + shift, b + shift], layout.domain))
  }

  const show = (bar: TimelineBar, target: Element) => {
    const box = target.getBoundingClientRect()
    const frame = container.current!.getBoundingClientRect()
    setActive({ bar, x: box.left - frame.left + Math.min(box.width, 40), y: box.bottom - frame.top + 4 })
  }

  return (
    <div ref={container} className="timeline" data-testid="timeline" data-bars={layout.bars.length}>
      <div className="timeline-toolbar">
        <button type="button" onClick={() => zoom(0.8)} aria-label="Zoom in">+</button>
        <button type="button" onClick={() => zoom(1.25)} aria-label="Zoom out">−</button>
        <button type="button" onClick={() => setView(layout.domain)}>Reset</button>
        <span className="cell-sub">Scroll to zoom, drag to pan; with the timeline focused: + − ← → 0. Tab through bars for details.</span>
      </div>
      <svg
        width={width}
        height={height}
        role="group"
        aria-label="Session timeline"
        tabIndex={0}
        onKeyDown={onKeyDown}
        onWheel={onWheel}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={() => (drag.current = null)}
      >
        <defs>
          <clipPath id={clipId}>
            <rect x={-4} y={0} width={plotWidth + 8} height={height} />
          </clipPath>
        </defs>
        <g transform={`translate(${LABEL_WIDTH},0)`}>
          {axisTicks(x, plotWidth, format).map(({ tick, at, anchor, label }) => (
            <g key={tick.getTime()} transform={`translate(${at},0)`}>
              <line y1={AXIS_HEIGHT - 4} y2={height} className="timeline-grid" />
              {label && (
                <text y={AXIS_HEIGHT - 8} className="timeline-tick" textAnchor={anchor}>
                  {label}
                </text>
              )}
            </g>
          ))}
        </g>
        {layout.lanes.map((lane, i) => (
          <text key={i} x={8} y={AXIS_HEIGHT + i * LANE_HEIGHT + LANE_HEIGHT / 2 + 4} className="timeline-lane-label">
            {lane.label}
          </text>
        ))}
        <g transform={`translate(${LABEL_WIDTH},${AXIS_HEIGHT})`} clipPath={`url(#${clipId})`}>
          {visible.map((bar) => {
            const x0 = Math.max(0, x(bar.start))
            const x1 = Math.min(plotWidth, x(bar.end))
            if (bar.kind === 'idle') {
              return <rect key={bar.key} x={x0} y={0} width={Math.max(1, x1 - x0)} height={layout.lanes.length * LANE_HEIGHT} className="bar-idle" />
            }
            const y = bar.lane * LANE_HEIGHT + 4
            const common = {
              // Tool calls can be hundreds: the conversation gives keyboard users each of them instead.
              tabIndex: bar.kind === 'tool' ? -1 : 0,
              role: 'img',
              'data-bar': bar.kind,
              'aria-label': `${bar.label}: ${bar.details.join('; ')}`,
              onMouseEnter: (e: { currentTarget: Element }) => show(bar, e.currentTarget),
              onFocus: (e: { currentTarget: Element }) => show(bar, e.currentTarget),
              onMouseLeave: () => setActive(null),
              onBlur: () => setActive(null),
              onClick: () => onSelect?.(bar),
              onKeyDown: (e: KeyboardEvent) => {
                if (e.key === 'Enter' && onSelect) {
                  e.stopPropagation()
                  onSelect(bar)
                }
              },
            }
            if (bar.kind === 'prompt') return <rect key={bar.key} {...common} x={x0 - 3} y={y + 4} width={6} height={12} rx={2} className="bar bar-prompt" />
            const barWidth = Math.max(3, x1 - x0)
            const chars = Math.floor((barWidth - 8) / CHAR_PX)
            return (
              <g key={bar.key}>
                <rect {...common} x={x0} y={y} width={barWidth} height={LANE_HEIGHT - 8} rx={3} className={`bar bar-${bar.status}`} />
                {barWidth >= LABELLED_BAR_PX && (
                  <text x={x0 + 4} y={y + LANE_HEIGHT / 2} className="bar-label" aria-hidden="true">
                    {bar.label.length > chars ? `${bar.label.slice(0, Math.max(1, chars - 1))}…` : bar.label}
                  </text>
                )}
              </g>
            )
          })}
          {marker != null && marker >= view[0] && marker <= view[1] && <line x1={x(marker)} x2={x(marker)} y1={0} y2={layout.lanes.length * LANE_HEIGHT} className="timeline-marker" />}
        </g>
      </svg>
      <ul className="timeline-legend" aria-label="Timeline legend">
        {LEGEND.map((item) => (
          <li key={item.className}>
            <svg width="14" height="10" aria-hidden="true">
              <rect width="14" height="10" rx="2" className={item.className} />
            </svg>{' '}
            {item.label}
          </li>
        ))}
      </ul>
      {active && (
        <div className="timeline-tooltip" role="tooltip" style={{ left: active.x, top: active.y }}>
          <strong>{active.bar.label}</strong>
          {active.bar.details.map((d, i) => (
            <div key={i}>{d}</div>
          ))}
        </div>
      )}
    </div>
  )
}

function clamp([a, b]: [number, number], [min, max]: [number, number]): [number, number] {
  const span = Math.min(b - a, max - min)
  if (a < min) return [min, min + span]
  if (b > max) return [max - span, max]
  return [a, b]
}
