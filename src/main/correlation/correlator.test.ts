import { describe, expect, it } from 'vitest'
import type { SessionTimeline, TimelineInvocation, TimelineRun } from '../../shared/api/correlation'
import { classify, correlateSession } from './correlator'
import { gaps, union } from './intervals'
import { AUTOMATED_MAX_IDLE_SHARE, AUTOMATED_MIN_LINKED_SHARE, AUTOMATED_START_WINDOW_MS, HUMAN_PAUSE_MS, INTERACTIVE_MAX_RUNS } from './thresholds'

const T0 = Date.parse('2026-11-20T09:00:00.000Z')
const at = (seconds: number) => new Date(T0 + seconds * 1000).toISOString()

function skill(id: number, name: string, from: number, to: number | null, status: TimelineInvocation['status'] = 'completed'): TimelineInvocation {
  return { id, skill: name, status, startedAt: at(from), endedAt: to === null ? null : at(to), durationMs: to === null ? null : (to - from) * 1000, errorType: null, workflowPath: null, userQuery: null, followUpActions: [], outcomeSource: null, evidence: null }
}

function run(id: number, name: string, from: number, to: number, nodes: Array<[string, number, number, 'completed' | 'failed']> = []): TimelineRun {
  return {
    id,
    workflowId: name,
    name,
    status: nodes.some((n) => n[3] === 'failed') ? 'failed' : 'completed',
    startedAt: at(from),
    endedAt: at(to),
    durationMs: (to - from) * 1000,
    nodes: nodes.map(([n, s, e, status]) => ({ nodeId: n, name: n, status, startedAt: at(s), endedAt: at(e), durationMs: (e - s) * 1000, error: status === 'failed' ? 'boom' : null })),
  }
}

function session(invocations: TimelineInvocation[], runs: TimelineRun[] = [], prompts: number[] = []): SessionTimeline {
  return { id: 's', projectId: 1, projectName: 'p', startedAt: at(0), endedAt: null, model: null, gitBranch: null, synthetic: false, prompts: prompts.map((p) => ({ ts: at(p), text: null })), invocations, runs }
}

describe('interval helpers', () => {
  it('merges overlaps and finds gaps of at least the minimum', () => {
    expect(union([{ start: 5, end: 10 }, { start: 0, end: 6 }, { start: 20, end: 30 }])).toEqual([{ start: 0, end: 10 }, { start: 20, end: 30 }])
    expect(gaps([{ start: 0, end: 10 }, { start: 20, end: 30 }], 0, 50, 10)).toEqual([{ start: 10, end: 20 }, { start: 30, end: 50 }])
    expect(gaps([{ start: 0, end: 10 }, { start: 19, end: 30 }], 0, 30, 10)).toEqual([])
  })
})

describe('correlateSession metrics', () => {
  it('computes skill vs workflow time, outcomes, delays and failures after skills (hand-computed)', () => {
    const c = correlateSession(
      session(
        [skill(1, 'crackerjack-run', 0, 30), skill(2, 'crackerjack-run', 20, 40, 'failed'), skill(3, 'session-checkpoint', 200, 210, 'abandoned')],
        [run(1, 'ci', 45, 105, [['lint', 45, 60, 'completed'], ['test', 60, 100, 'failed']]), run(2, 'deploy', 215, 230, [['ship', 215, 230, 'completed']])],
      ),
    )
    expect(c.skillTimeMs).toBe(50_000) // [0,40] ∪ [200,210]
    expect(c.workflowTimeMs).toBe(75_000) // [45,105] ∪ [215,230]
    expect(c.spanMs).toBe(230_000)
    expect(c.idleGaps).toEqual([{ from: at(105), to: at(200), durationMs: 95_000 }])
    expect(c.skills).toEqual({ total: 3, completed: 1, failed: 1, abandoned: 1 })
    expect(c.nodes).toEqual({ total: 3, completed: 2, failed: 1 })
    expect(c.skillToWorkflowDelays.map((d) => [d.skill, d.runName, d.delayMs])).toEqual([
      ['crackerjack-run', 'ci', 15_000],
      ['crackerjack-run', 'ci', 5_000],
      ['session-checkpoint', 'deploy', 5_000],
    ])
    expect(c.medianSkillToWorkflowDelayMs).toBe(5_000)
    expect(c.linkedRunShare).toBe(1) // ci starts 5 s after skill 2 ends, deploy 5 s after skill 3
    expect(c.failedNodesAfterSkills).toEqual([{ skill: 'crackerjack-run', node: 'test', runName: 'ci', delayMs: 60_000, error: 'boom' }])
  })
})

describe('session patterns at and around each threshold', () => {
  const W = AUTOMATED_START_WINDOW_MS / 1000
  it('no workflow runs: interactive', () => {
    expect(correlateSession(session([skill(1, 'a', 0, 10), skill(2, 'b', 300, 310)], [], [0, 290])).pattern).toBe('interactive')
  })

  it(`a run starting exactly ${W} s after a skill is linked; one second later it is not`, () => {
    const linked = correlateSession(session([skill(1, 'a', 0, 10)], [run(1, 'ci', 10 + W, 20 + W)]))
    expect(linked.linkedRunShare).toBe(1)
    expect(linked.pattern).toBe('automated')
    const late = correlateSession(session([skill(1, 'a', 0, 10)], [run(1, 'ci', 11 + W, 21 + W)]))
    expect(late.linkedRunShare).toBe(0)
    expect(late.pattern).toBe('mixed')
  })

  it(`automated needs at least ${AUTOMATED_MIN_LINKED_SHARE * 100}% of runs linked`, () => {
    const skills = [skill(1, 'a', 0, 5)]
    const half = correlateSession(session(skills, [run(1, 'ci', 6, 20), run(2, 'ci', 40, 50)]))
    expect(half.linkedRunShare).toBe(0.5)
    expect(half.pattern).toBe('automated')
    const third = correlateSession(session(skills, [run(1, 'ci', 6, 20), run(2, 'ci', 40, 50), run(3, 'ci', 51, 55)]))
    expect(third.linkedRunShare).toBeCloseTo(1 / 3)
    expect(third.pattern).toBe('mixed')
  })

  it(`automated allows at most ${AUTOMATED_MAX_IDLE_SHARE * 100}% idle time`, () => {
    const P = HUMAN_PAUSE_MS / 1000
    // Span 300 s; a 60 s pause is exactly 20% idle: still automated.
    const atLimit = correlateSession(session([skill(1, 'a', 0, 10), skill(2, 'b', 20 + P, 300)], [run(1, 'ci', 12, 20), run(2, 'ci', 22 + P, 30 + P)]))
    expect(atLimit.idleMs).toBe(P * 1000)
    expect(atLimit.idleMs / atLimit.spanMs).toBeCloseTo(0.2)
    expect(atLimit.pattern).toBe('automated')
    const over = correlateSession(session([skill(1, 'a', 0, 10), skill(2, 'b', 21 + P, 300)], [run(1, 'ci', 12, 20), run(2, 'ci', 23 + P, 31 + P)]))
    expect(over.idleMs / over.spanMs).toBeGreaterThan(0.2)
    expect(over.pattern).not.toBe('automated')
  })

  it(`a pause of ${HUMAN_PAUSE_MS / 1000} s counts as human; one second less does not`, () => {
    const P = HUMAN_PAUSE_MS / 1000
    // One unlinked run (≤ INTERACTIVE_MAX_RUNS) and a pause: interactive.
    const paused = correlateSession(session([skill(1, 'a', 0, 10), skill(2, 'b', 10 + P, 20 + P)], [run(1, 'ci', 100 + P, 110 + P)]))
    expect(paused.idleGaps.length).toBeGreaterThanOrEqual(1)
    expect(paused.pattern).toBe('interactive')
    const short = correlateSession(session([skill(1, 'a', 0, 10), skill(2, 'b', 9 + P, 19 + P)], [run(1, 'ci', 19 + P + W + 1, 30 + P + W)]))
    expect(short.idleGaps).toEqual([])
    expect(short.pattern).toBe('mixed')
  })

  it(`more than ${INTERACTIVE_MAX_RUNS} unlinked run with pauses is mixed`, () => {
    expect(classify(INTERACTIVE_MAX_RUNS, 0, 0.5, 1).pattern).toBe('interactive')
    expect(classify(INTERACTIVE_MAX_RUNS + 1, 0, 0.5, 1).pattern).toBe('mixed')
    expect(classify(INTERACTIVE_MAX_RUNS, 0, 0.5, 0).pattern).toBe('mixed')
  })
})

describe('a session an importer made up', () => {
  it('gives no pattern and draws no link between its skills and runs', () => {
    const t = { ...session([skill(1, 'lint', 0, 10)], [run(1, 'ci', 12, 40, [['test', 13, 30, 'failed']])]), synthetic: true }
    const c = correlateSession(t)
    expect(c.pattern).toBe('unknown')
    expect(c.patternReason).toMatch(/made up by the legacy import/)
    expect(c.skillToWorkflowDelays).toEqual([])
    expect(c.failedNodesAfterSkills).toEqual([])
    // The same timeline as a real session is linked.
    expect(correlateSession({ ...t, synthetic: false }).skillToWorkflowDelays).toHaveLength(1)
  })
})
