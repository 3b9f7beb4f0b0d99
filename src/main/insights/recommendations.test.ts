import { describe, expect, it } from 'vitest'
import type { SkillEffectivenessView } from '../../shared/api/insights'
import { INSIGHT_RULES } from './insight-rules'
import { recommendations, type RecommendationInputs } from './recommendations'

function skill(name: string, counts: Partial<SkillEffectivenessView>): SkillEffectivenessView {
  const base = { skill: name, invocations: 0, completed: 0, failed: 0, abandoned: 0, unknown: 0, running: 0, completionRate: null, failureRate: null, abandonmentRate: null }
  return { ...base, p50Ms: null, p95Ms: null, durationSamples: 0, durationsApproximate: false, projects: 1, smallSample: false, ...counts } as SkillEffectivenessView
}

const none: RecommendationInputs = { skills: [], patterns: [], failuresAfter: [], stepDurations: [], projects: [], usage: [] }

describe('recommendations', () => {
  it('is one list, most pressing first, each in sentence case with its counts and no "1 times"', () => {
    const list = recommendations({
      ...none,
      skills: [
        skill('deploy', { completed: 1, failed: 1, durationSamples: 6, p50Ms: 11 * 60_000, p95Ms: 20 * 60_000 }),
        skill('flaky', { completed: 3, abandoned: 2 }),
        skill('review-pr', { completed: 9, failed: 1 }),
      ],
      patterns: [{ steps: ['lint', 'review-pr'], sessions: 6, support: 0.5, completed: 6, completionRate: 1, baselineRate: 0.8, lift: 1.25, effective: true }],
      stepDurations: Array.from({ length: 5 }, (_, i) => ({ name: 'e2e', duration_ms: (11 + i) * 60_000 })),
    })
    expect(list.map((r) => r.kind)).toEqual(['review', 'sequence', 'speed-up', 'slow-step'])
    expect(list[0]).toMatchObject({ title: 'Review flaky: it fails or is abandoned in 40% of its runs', reason: 'Abandoned 2 times in 5 runs with a known outcome.' })
    expect(list[1]).toMatchObject({ title: 'Run lint before review-pr', reason: 'review-pr completed in 6 of 6 sessions right after lint (100%), against 9 of 10 (90%) overall (lift 1.25).' })
    expect(list[2]).toMatchObject({ title: 'Look at what slows deploy', reason: 'Its slowest runs take 20 min (p95; median 11 min) over 6 timed runs.' })
    expect(list[3]).toMatchObject({ title: 'Speed up the workflow step e2e', step: 'e2e', evidence: { runs: 5 } })
    for (const r of list) {
      expect(r.title[0]).toBe(r.title[0]!.toUpperCase())
      expect(r.reason).not.toMatch(/\b1 times\b|\b1 sessions\b|\b1 runs\b/)
    }
  })

  it('suggests a skill that works in projects of the same type to the one that has not used it', () => {
    const projects = [
      { id: 1, name: 'api', project_type: 'node' },
      { id: 2, name: 'web', project_type: 'node' },
      { id: 3, name: 'cli', project_type: 'node' },
      { id: 4, name: 'ml', project_type: 'python' },
    ]
    const list = recommendations({
      ...none,
      skills: [skill('test-runner', { completed: 11, failed: 1 })],
      projects,
      usage: [
        { project_id: 1, skill: 'test-runner', completed: 6, failed: 1, abandoned: 0 },
        { project_id: 2, skill: 'test-runner', completed: 5, failed: 0, abandoned: 0 },
      ],
    })
    expect(list).toEqual([
      {
        kind: 'adopt',
        title: 'Try test-runner in cli',
        reason: 'test-runner completed 11 of 12 runs with a known outcome (92%) in 2 other node projects; cli has not used it.',
        evidence: { uses: 12, completed: 11, projects: 2 },
        skills: ['test-runner'],
        projectId: 3,
        projectType: 'node',
      },
    ])
  })

  it('stays quiet below its thresholds and stops at the cap', () => {
    expect(recommendations({ ...none, skills: [skill('new', { failed: 2, completed: 1 })] })).toEqual([])
    const many = Array.from({ length: 60 }, (_, i) => skill(`s${i}`, { failed: 5 }))
    expect(recommendations({ ...none, skills: many })).toHaveLength(INSIGHT_RULES.maxRecommendations)
  })
})
