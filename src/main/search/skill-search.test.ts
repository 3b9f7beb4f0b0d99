import { describe, expect, it } from 'vitest'
import { EFFECTIVENESS_PRIOR, effectiveness, penaltiesFor, type SkillUse } from './ranking'
import { toSearchable } from './searchable-skill'
import { CharNgramIndex, charGrams } from './char-ngram-index'
import { NO_CLEAR_MATCH_BELOW, SkillSearch } from './skill-search'

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

describe('character 4-grams and "no clear match"', () => {
  const catalogue = [
    skill('deploy', 'Deploying the web app to production with zero downtime. Use when shipping a release.'),
    skill('release-notes', 'Writes release notes from the commits since the last tag. Use when preparing a release.'),
    skill('flaky-tests', 'Finds tests that pass and fail at random. Use when CI fails only sometimes.'),
    skill('db-migration', 'Creates database schema migrations. Use when adding tables or columns.'),
  ]

  it('cuts each word, wrapped in < >, into 4-character windows, without stop words or one-letter words', () => {
    expect(charGrams('Deploy the app, a B2B thing')).toEqual(['<dep', 'depl', 'eplo', 'ploy', 'loy>', '<app', 'app>', '<b2b', 'b2b>', '<thi', 'thin', 'hing', 'ing>'])
  })

  it('matches word forms that whole-word matching misses, and says so in the breakdown', () => {
    const index = new CharNgramIndex(catalogue)
    const similarities = index.similarities('deployment pipeline')
    expect([...similarities.entries()].sort((a, b) => b[1] - a[1])[0]![0]).toBe('deploy/SKILL.md')
    const [top] = new SkillSearch(catalogue).find('deployment to prod')
    expect(top!.name).toBe('deploy')
    expect(top!.score.relevance!.ngram).toBe(1)
    expect(top!.score.explanation[0]).toMatch(/word parts 100% of the best match/)
  })

  it('says no skill clearly fits when the best match is weak, and not when one fits', () => {
    const search = new SkillSearch(catalogue)
    const weak = search.search('what will the weather be like in Lisbon tomorrow?')
    expect(weak.noClearMatch).toBe(true)
    expect(weak.matchStrength).toBeLessThan(NO_CLEAR_MATCH_BELOW)
    const strong = search.search('write the release notes from the commits since the last tag')
    expect(strong).toMatchObject({ noClearMatch: false, results: [expect.objectContaining({ name: 'release-notes' })] })
    expect(strong.matchStrength).toBeGreaterThanOrEqual(NO_CLEAR_MATCH_BELOW)
  })
})
