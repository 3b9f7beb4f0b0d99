import type { SessionCorrelation, SessionPattern, SessionTimeline } from '../../shared/api/correlation'
import { percentile } from '../metrics/percentile'
import { gaps, totalLength, type Interval } from './intervals'
import {
  AUTOMATED_MAX_IDLE_SHARE,
  AUTOMATED_MIN_LINKED_SHARE,
  AUTOMATED_START_WINDOW_MS,
  FAILED_NODE_WINDOW_MS,
  HUMAN_PAUSE_MS,
  INTERACTIVE_MAX_RUNS,
} from './thresholds'

const ms = (iso: string) => Date.parse(iso)
/** An unfinished item lasts until the session's last known moment. */
const endOf = (item: { startedAt: string; endedAt: string | null }, fallback: number) => (item.endedAt ? ms(item.endedAt) : Math.max(ms(item.startedAt), fallback))

/**
 * Joins a session's skill invocations and workflow runs (already matched by session_id) on time:
 * time spent in each, outcomes, how soon workflows follow skills, failures after skills, idle time,
 * and the session's pattern. Pure: the same timeline always gives the same answer.
 */
export function correlateSession(t: SessionTimeline): SessionCorrelation {
  const instants = [
    ...t.prompts.map((p) => ms(p.ts)),
    ...t.invocations.flatMap((i) => [ms(i.startedAt), i.endedAt ? ms(i.endedAt) : NaN]),
    ...t.runs.flatMap((r) => [ms(r.startedAt), r.endedAt ? ms(r.endedAt) : NaN, ...r.nodes.flatMap((n) => [ms(n.startedAt), n.endedAt ? ms(n.endedAt) : NaN])]),
    ms(t.startedAt),
    t.endedAt ? ms(t.endedAt) : NaN,
  ].filter((n) => !Number.isNaN(n))
  const first = Math.min(...instants)
  const last = Math.max(...instants)

  const skillIntervals: Interval[] = t.invocations.map((i) => ({ start: ms(i.startedAt), end: endOf(i, last) }))
  const runIntervals: Interval[] = t.runs.map((r) => ({ start: ms(r.startedAt), end: endOf(r, last) }))
  const nodeIntervals: Interval[] = t.runs.flatMap((r) => r.nodes.map((n) => ({ start: ms(n.startedAt), end: endOf(n, last) })))
  const promptInstants: Interval[] = t.prompts.map((p) => ({ start: ms(p.ts), end: ms(p.ts) }))
  const activity = [...skillIntervals, ...runIntervals, ...nodeIntervals, ...promptInstants]
  const idle = gaps(activity, first, last, HUMAN_PAUSE_MS)
  const idleMs = idle.reduce((sum, g) => sum + (g.end - g.start), 0)
  const spanMs = last - first

  // Each finished skill → the first workflow run that starts at or after its end (none in a made-up session).
  const runsByStart = [...t.runs].sort((a, b) => ms(a.startedAt) - ms(b.startedAt))
  const delays = (t.synthetic ? [] : t.invocations)
    .filter((i) => i.endedAt)
    .flatMap((i) => {
      const run = runsByStart.find((r) => ms(r.startedAt) >= ms(i.endedAt!))
      return run ? [{ skill: i.skill, invocationId: i.id, runName: run.name, delayMs: ms(run.startedAt) - ms(i.endedAt!) }] : []
    })
  const sortedDelays = delays.map((d) => d.delayMs).sort((a, b) => a - b)

  // A run is driven by a skill when it starts within the window after a skill started or ended.
  const linked = t.runs.filter((r) =>
    t.invocations.some((i) => {
      const start = ms(r.startedAt)
      const anchors = [ms(i.startedAt), ...(i.endedAt ? [ms(i.endedAt)] : [])]
      return anchors.some((a) => start >= a && start - a <= AUTOMATED_START_WINDOW_MS)
    }),
  ).length
  const linkedRunShare = t.runs.length ? linked / t.runs.length : null

  const failedNodesAfterSkills = (t.synthetic ? [] : t.runs).flatMap((r) =>
    r.nodes
      .filter((n) => n.status === 'failed')
      .flatMap((n) => {
        const failedAt = n.endedAt ? ms(n.endedAt) : ms(n.startedAt)
        const before = t.invocations
          .filter((i) => i.endedAt && ms(i.endedAt) <= failedAt && failedAt - ms(i.endedAt) <= FAILED_NODE_WINDOW_MS)
          .sort((a, b) => ms(b.endedAt!) - ms(a.endedAt!))[0]
        return before ? [{ skill: before.skill, node: n.name, runName: r.name, delayMs: failedAt - ms(before.endedAt!), error: n.error }] : []
      }),
  )

  const humanPauses = idle.length
  const idleShare = spanMs > 0 ? idleMs / spanMs : 0
  const { pattern, reason } = t.synthetic
    ? { pattern: 'unknown' as const, reason: 'a session made up by the legacy import (its source has no session ids): no pattern is read from it' }
    : classify(t.runs.length, linkedRunShare, idleShare, humanPauses)
  const count = (status: string) => t.invocations.filter((i) => i.status === status).length
  const nodes = t.runs.flatMap((r) => r.nodes)

  return {
    sessionId: t.id,
    pattern,
    patternReason: reason,
    spanMs,
    skillTimeMs: totalLength(skillIntervals),
    workflowTimeMs: totalLength(runIntervals),
    idleMs,
    idleGaps: idle.map((g) => ({ from: new Date(g.start).toISOString(), to: new Date(g.end).toISOString(), durationMs: g.end - g.start })),
    skills: { total: t.invocations.length, completed: count('completed'), failed: count('failed'), abandoned: count('abandoned') },
    nodes: { total: nodes.length, completed: nodes.filter((n) => n.status === 'completed').length, failed: nodes.filter((n) => n.status === 'failed').length },
    workflowRuns: t.runs.length,
    skillToWorkflowDelays: delays,
    medianSkillToWorkflowDelayMs: percentile(sortedDelays, 50),
    linkedRunShare,
    failedNodesAfterSkills,
  }
}

/** The pattern rules, in order; see thresholds.ts. */
export function classify(runs: number, linkedShare: number | null, idleShare: number, humanPauses: number): { pattern: SessionPattern; reason: string } {
  const pct = (x: number) => `${Math.round(x * 100)}%`
  if (runs === 0) return { pattern: 'interactive', reason: 'no workflow runs: skills only' }
  if (linkedShare !== null && linkedShare >= AUTOMATED_MIN_LINKED_SHARE && idleShare <= AUTOMATED_MAX_IDLE_SHARE) {
    return {
      pattern: 'automated',
      reason: `${pct(linkedShare)} of workflow runs started within ${AUTOMATED_START_WINDOW_MS / 1000} s of a skill, and ${pct(idleShare)} of the session was idle`,
    }
  }
  if (runs <= INTERACTIVE_MAX_RUNS && humanPauses >= 1) {
    return { pattern: 'interactive', reason: `${runs} workflow run and ${humanPauses} human pause${humanPauses === 1 ? '' : 's'} of ${HUMAN_PAUSE_MS / 1000} s or more` }
  }
  return {
    pattern: 'mixed',
    reason: `${runs} workflow runs, ${pct(linkedShare ?? 0)} started by skills, ${pct(idleShare)} of the session idle`,
  }
}
