import { describe, expect, it } from 'vitest'
import { EFFECTIVENESS_PRIOR, effectiveness, penaltiesFor, type SkillUse } from './ranking'
import { toSearchable } from './searchable-skill'
import { SkillSearch } from './skill-search'

const NOW = Date.parse('2026-11-25T12:00:00Z')
const use = (status: SkillUse['status'], daysAgo = 0): SkillUse => ({ status, startedAt: new Date(NOW - daysAgo * 86_400_000).toISOString() })
const skill = (name: string, description: string, deprecated = false) =>
  toSearchable(`${name}/SKILL.md`, { name, description, deprecated, sections: [{ heading: name, text: description }] })

describe('ranking', () => {
  it('smooths effectiveness toward the prior for skills with few uses and weighs recent uses more', () => {
    expect(effectiveness([], NOW).score).toBe(EFFECTIVENESS_PRIOR)
    const oneLucky = effectiveness([use('completed')], NOW).score
    const manyGood = effectiveness(Array.from({ length: 40 }, () => use('completed')), NOW).score
    expect(oneLucky).toBeCloseTo((1 + 0.5 * 4) / (1 + 4))
    expect(manyGood).toBeGreaterThan(oneLucky)
    const recentFailures = effectiveness([...Array.from({ length: 5 }, () => use('failed', 1)), ...Array.from({ length: 5 }, () => use('completed', 120))], NOW)
    expect(recentFailures.completionRate!).toBeLessThan(0.1)
  })

  it('penalises deprecated skills, repeated failures and frequent abandonment', () => {
    expect(penaltiesFor(true, [])).toEqual({ factor: 0.5, reasons: ['deprecated'] })
    expect(penaltiesFor(false, [use('failed', 1), use('failed', 2), use('failed', 3), use('completed', 9)]).reasons).toEqual(['failed the last 3 times'])
    expect(penaltiesFor(false, [use('abandoned'), use('abandoned'), use('completed')]).reasons).toEqual(['abandoned more often than not'])
    expect(penaltiesFor(false, [use('completed'), use('failed')])).toEqual({ factor: 1, reasons: [] })
  })

  it('explains every result and lets tracked effectiveness and context break ties', () => {
    const skills = [skill('debugging-a', 'Use when a test fails and you need to find the bug'), skill('debugging-b', 'Use when a test fails and you need to find the bug'), skill('old-debugging', 'Use when a test fails and you need to find the bug', true)]
    const uses: Record<string, SkillUse[]> = {
      'debugging-b': [...Array.from({ length: 9 }, () => use('completed', 1)), use('failed', 40), use('unknown', 1)],
      'debugging-a': Array.from({ length: 10 }, () => use('failed', 1)),
    }
    const search = new SkillSearch(skills, (names) => new Map(names.map((n) => [n, uses[n] ?? []])))
    const ranked = search.find('my test fails', { now: NOW })
    expect(ranked.map((r) => r.name)).toEqual(['debugging-b', 'debugging-a', 'old-debugging'])
    // Exact counts: 9 of the 10 runs with a known outcome (the unknown one is left out); the old failure weighs less.
    expect(ranked[0]!.score.explanation).toContain('completed 9 of 10 tracked runs with a known outcome (96% with recent ones counting more)')
    expect(ranked[1]!.score.penalties).toEqual(['failed the last 3 times'])
    expect(ranked[2]!.score.penalties).toEqual(['deprecated'])
    const withContext = search.find('my test fails', { now: NOW, context: { recentSkills: ['old-debugging'] } })
    expect(withContext.find((r) => r.name === 'old-debugging')!.score.context).toBeCloseTo(0.5)
  })
})
