import { describe, expect, it } from 'vitest'
import { LexicalIndex } from './lexical-index'
import { toSearchable } from './searchable-skill'
import { SkillSearch } from './skill-search'
import { VectorIndex } from './vector-index'

const skill = (name: string, description: string) => toSearchable(`${name}/SKILL.md`, { name, description, deprecated: false, sections: [] })
const skills = [
  skill('poster-art', 'Make a poster, one art piece at a time: piece by piece, every piece its own page'),
  skill('ticket-sizing', 'Estimate the effort and size of a ticket'),
  skill('ticket-triage', 'Sort a ticket into the right queue'),
]
// BM25's IDF over the three skills: "size" and "piece" are used by one skill each, "ticket" by two.
const idf = (df: number) => Math.log(1 + (3 - df + 0.5) / (df + 0.5))
const request = 'size this piece of ticket work, roughly'

describe('LexicalIndex', () => {
  it("reports each match's IDF-weighted share of the request, ignoring words no skill uses", () => {
    const matches = new LexicalIndex(skills).search(request)
    // "work" and "roughly" appear in no skill, so they count for no one.
    const total = idf(1) + idf(1) + idf(2)
    expect(matches.get('poster-art/SKILL.md')!.coverage).toBeCloseTo(idf(1) / total)
    expect(matches.get('ticket-sizing/SKILL.md')!.coverage).toBeCloseTo((idf(1) + idf(2)) / total)
    expect(matches.get('ticket-triage/SKILL.md')!.coverage).toBeCloseTo(idf(2) / total)
    expect(Math.max(...[...matches.values()].map((m) => m.score))).toBe(1)
  })

  it('counts a word matched only by prefix or typo at a discount', () => {
    const matches = new LexicalIndex([skill('chart-maker', 'Plot a graph of the data'), skill('gif-maker', 'Draw graphics frame by frame')]).search('a graph')
    expect(matches.get('chart-maker/SKILL.md')!.coverage).toBe(1)
    expect(matches.get('gif-maker/SKILL.md')!.coverage).toBeCloseTo(0.375)
  })

  it('finds nothing for a request of stop words and unknown words', () => {
    expect(new LexicalIndex(skills).search('what about the zebras').size).toBe(0)
  })
})

describe('wording beside meaning', () => {
  // The real case: "how big is this piece of work" matched an art skill on "piece" alone.
  const partial = [
    toSearchable('piece/SKILL.md', { name: 'piece', description: 'Piece together a poster', deprecated: false, sections: [] }),
    toSearchable('ticket-sizing/SKILL.md', { name: 'ticket-sizing', description: 'Sort tickets', deprecated: false, sections: [{ heading: '', text: 'Estimate the effort of a ticket' }] }),
    toSearchable('ticket-triage/SKILL.md', { name: 'ticket-triage', description: 'Sort a ticket into the right queue', deprecated: false, sections: [] }),
  ]
  const vectors = new VectorIndex([
    { key: 'piece/SKILL.md', parts: [{ kind: 'whole', vector: new Float32Array([0.8, 0.6]) }] },
    { key: 'ticket-sizing/SKILL.md', parts: [{ kind: 'whole', vector: new Float32Array([1, 0]) }] },
    { key: 'ticket-triage/SKILL.md', parts: [{ kind: 'whole', vector: new Float32Array([0, 1]) }] },
  ])
  const query = 'estimate the effort for this piece'
  const queryVector = new Float32Array([1, 0])

  it('counts a wording match only as far as it covers the request', () => {
    const matches = new LexicalIndex(partial).search(query)
    expect(matches.get('piece/SKILL.md')!.score).toBe(1) // the best BM25 match, on one word of three
    const hybrid = new SkillSearch(partial, undefined, vectors).find(query, { queryVector })
    for (const result of hybrid) {
      const m = matches.get(result.key)
      expect(result.score.relevance!.wording).toBeCloseTo(m ? m.score * m.coverage : 0)
    }
    expect(hybrid[0]!.name).toBe('ticket-sizing')
    expect(hybrid.find((r) => r.name === 'piece')!.score.explanation).toContain("matches 33% of the request's words (rarer words count more)")
  })

  it('ranks by plain BM25 when wording is all there is', () => {
    const matches = new LexicalIndex(partial).search(query)
    const wordingOnly = new SkillSearch(partial, undefined, vectors).find(query, { method: 'lexical' })
    expect(wordingOnly.map((r) => r.name)).toEqual(['piece', 'ticket-sizing'])
    for (const result of wordingOnly) expect(result.score.relevance!.wording).toBeCloseTo(matches.get(result.key)!.score)
  })
})
