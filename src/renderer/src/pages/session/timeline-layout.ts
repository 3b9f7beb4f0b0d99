import { describeEvidence } from '../../../../shared/api/outcomes'
import { formatDuration } from '../../../../shared/format-duration'
import type { SessionCorrelation, SessionTimeline } from '../../../../shared/api/correlation'
import type { ToolCallView } from '../../../../shared/api/tools'

export type BarKind = 'skill' | 'run' | 'node' | 'prompt' | 'tool' | 'idle'

export interface TimelineBar {
  key: string
  /** What the bar stands for: a tool call's tool_use id, a skill run's id. */
  ref?: string
  kind: BarKind
  lane: number
  start: number
  end: number
  status: string
  label: string
  details: string[]
}

export interface TimelineLayout {
  bars: TimelineBar[]
  lanes: Array<{ label: string; kind: BarKind }>
  domain: [number, number]
}

const ms = (iso: string) => Date.parse(iso)
const seconds = (value: number | null) => (value === null ? 'no end yet' : formatDuration(value))

/**
 * Turns a session into bars on swimlanes: prompts, skills (overlapping ones on extra rows), workflow
 * runs, their nodes, and idle gaps. Pure data; the Timeline component only draws it.
 */
export function layoutTimeline(t: SessionTimeline, c: SessionCorrelation | undefined, tools: ToolCallView[] = []): TimelineLayout {
  const times = [
    ...tools.map((call) => ms(call.startedAt)),
    ms(t.startedAt),
    ...t.prompts.map((p) => ms(p.ts)),
    ...t.invocations.flatMap((i) => [ms(i.startedAt), i.endedAt ? ms(i.endedAt) : ms(i.startedAt)]),
    ...t.runs.flatMap((r) => [ms(r.startedAt), r.endedAt ? ms(r.endedAt) : ms(r.startedAt)]),
    ...(t.endedAt ? [ms(t.endedAt)] : []),
  ]
  const first = Math.min(...times)
  const last = Math.max(first + 1000, ...times)
  const lanes: TimelineLayout['lanes'] = [{ label: 'Prompts', kind: 'prompt' }]
  const bars: TimelineBar[] = t.prompts.map((p, i) => ({
    key: `p${i}`,
    kind: 'prompt',
    lane: 0,
    start: ms(p.ts),
    end: ms(p.ts),
    status: 'prompt',
    label: 'Prompt',
    details: [new Date(p.ts).toLocaleTimeString(), p.text ?? '(prompt text not stored for this project)'],
  }))

  // Greedy rows for overlapping skills.
  const rowEnds: number[] = []
  const skillLaneStart = lanes.length
  for (const i of t.invocations) {
    const start = ms(i.startedAt)
    const end = i.endedAt ? ms(i.endedAt) : last
    let row = rowEnds.findIndex((e) => e <= start)
    if (row === -1) row = rowEnds.push(end) - 1
    else rowEnds[row] = end
    bars.push({
      key: `s${i.id}`,
      kind: 'skill',
      lane: skillLaneStart + row,
      start,
      end,
      status: i.status,
      label: i.skill,
      details: [
        `${i.status}${i.outcomeSource ? ` (${i.outcomeSource === 'explicit' ? 'reported' : 'inferred'})` : ''}, ${seconds(i.durationMs)}`,
        ...(i.evidence ? [describeEvidence(i.evidence)] : []),
        ...(i.errorType ? [`error: ${i.errorType}`] : []),
        ...(i.workflowPath ? [`workflow path: ${i.workflowPath}`] : []),
        ...(i.followUpActions.length ? [`follow-ups: ${i.followUpActions.join(', ')}`] : []),
        ...(i.userQuery ? [`request: ${i.userQuery}`] : []),
      ],
    })
  }
  const skillRows = Math.max(1, rowEnds.length)
  for (let r = 0; r < skillRows; r++) lanes.push({ label: r === 0 ? 'Skills' : '', kind: 'skill' })

  if (tools.length > 0) {
    const toolLane = lanes.push({ label: 'Tools', kind: 'tool' }) - 1
    for (const call of tools) {
      const start = ms(call.startedAt)
      bars.push({
        key: `t${call.id}`,
        ref: call.id,
        kind: 'tool',
        lane: toolLane,
        start,
        end: call.durationMs === null ? start : start + call.durationMs,
        status: call.status === 'ok' ? 'completed' : call.status === 'error' ? 'failed' : 'running',
        label: call.name,
        details: [call.status === 'pending' ? 'no result read' : `${call.status === 'error' ? 'error' : 'ok'}, ${seconds(call.durationMs)}`, 'click to open the call in the conversation'],
      })
    }
  }

  const runLane = lanes.length
  lanes.push({ label: 'Workflow runs', kind: 'run' }, { label: 'Nodes', kind: 'node' })
  for (const r of t.runs) {
    bars.push({ key: `r${r.id}`, kind: 'run', lane: runLane, start: ms(r.startedAt), end: r.endedAt ? ms(r.endedAt) : last, status: r.status, label: r.name, details: [`${r.status}, ${seconds(r.durationMs)}`, `${r.nodes.length} nodes`] })
    for (const n of r.nodes) {
      bars.push({
        key: `n${r.id}-${n.nodeId}`,
        kind: 'node',
        lane: runLane + 1,
        start: ms(n.startedAt),
        end: n.endedAt ? ms(n.endedAt) : last,
        status: n.status,
        label: n.name,
        details: [`${r.name} › ${n.name}`, `${n.status}, ${seconds(n.durationMs)}`, ...(n.error ? [`error: ${n.error}`] : [])],
      })
    }
  }
  for (const [i, gap] of (c?.idleGaps ?? []).entries()) {
    bars.push({ key: `i${i}`, kind: 'idle', lane: -1, start: ms(gap.from), end: ms(gap.to), status: 'idle', label: 'Idle', details: [`idle for ${seconds(gap.durationMs)}`] })
  }
  return { bars, lanes, domain: [first, last] }
}
