import MiniSearch from 'minisearch'
import type { SearchableSkill } from './searchable-skill'

/** Words that carry no meaning for matching a request to a skill. */
export const STOP_WORDS = new Set(
  'a an and are as at be but by can do does for from get has have how i if in into is it its me my of on or our so that the their then there these this to up use used uses using want was we what when where which who why will with you your'.split(' '),
)

/** Light suffix stripping, so "testing", "tests" and "tested" meet "test". */
export function stem(term: string): string {
  let t = term.toLowerCase()
  if (t.length > 5) t = t.replace(/(ations?|ings?|ments?|ness|edly|ers?|ies)$/, (m) => (m === 'ies' ? 'y' : ''))
  if (t.length > 4) t = t.replace(/(ed|es|s)$/, '')
  return t
}

/** A word matched only by prefix or typo ("graph" in "graphics") covers this much of itself: MiniSearch's own prefix weight. */
const INEXACT_MATCH = 0.375
const FIELDS = ['nameWords', 'description', 'headings', 'body'] as const
type IndexedSkill = SearchableSkill & { id: string; nameWords: string }

const tokenize = MiniSearch.getDefault('tokenize') as (text: string) => string[]
const processTerm = (term: string) => (STOP_WORDS.has(term.toLowerCase()) ? null : stem(term))
const termsOf = (text: string) => tokenize(text).flatMap((t) => processTerm(t) ?? [])

export interface WordingMatch {
  /** BM25 score as a share of the best match's. */
  score: number
  /** IDF-weighted share of the request's words (those some skill uses) that this skill matches. */
  coverage: number
}

/**
 * BM25 lexical matching (MiniSearch) over a skill's name, description, headings and body, with the
 * name and description weighted most, plus how much of the request each match covers.
 */
export class LexicalIndex {
  private readonly index: MiniSearch<IndexedSkill>
  /** How many skills use each (processed) term, for IDF. */
  private readonly documentFrequency = new Map<string, number>()
  private readonly size: number

  constructor(skills: SearchableSkill[]) {
    this.index = new MiniSearch({
      idField: 'id',
      fields: [...FIELDS],
      processTerm,
      searchOptions: {
        boost: { nameWords: 3, description: 2, headings: 1, body: 0.4 },
        prefix: (term) => term.length > 4,
        fuzzy: (term) => (term.length > 6 ? 0.15 : 0),
        combineWith: 'OR',
      },
    })
    const documents = skills.map((s): IndexedSkill => ({ ...s, id: s.key, nameWords: s.name.replace(/[-_:/]+/g, ' ') }))
    this.index.addAll(documents)
    this.size = documents.length
    for (const document of documents) {
      for (const term of new Set(FIELDS.flatMap((field) => termsOf(document[field])))) {
        this.documentFrequency.set(term, (this.documentFrequency.get(term) ?? 0) + 1)
      }
    }
  }

  /** `exact`: whole words only, no prefix or typo matching (several times faster, for scoring prompts in bulk). */
  search(query: string, options: { exact?: boolean } = {}): Map<string, WordingMatch> {
    const results = this.index.search(query, options.exact ? { prefix: false, fuzzy: false } : undefined)
    const best = results[0]?.score ?? 0
    if (best <= 0) return new Map()
    // Words no skill uses cannot be matched by wording, so they do not count against anyone's coverage.
    const known = [...new Set(termsOf(query))].filter((t) => this.documentFrequency.has(t))
    const weight = new Map(known.map((t) => [t, this.idf(t)]))
    const total = [...weight.values()].reduce((a, b) => a + b, 0)
    const coverage = (queryTerms: string[], skillTerms: string[]) => {
      if (total === 0) return 1
      const matched = queryTerms.reduce((sum, t) => sum + (weight.get(t) ?? 0) * (skillTerms.includes(t) ? 1 : INEXACT_MATCH), 0)
      return Math.min(1, matched / total)
    }
    return new Map(results.map((r) => [r.id as string, { score: r.score / best, coverage: coverage(r.queryTerms, r.terms) }]))
  }

  /** BM25's IDF: rare words say more about which skill is meant. */
  private idf(term: string): number {
    const df = this.documentFrequency.get(term) ?? 0
    return Math.log(1 + (this.size - df + 0.5) / (df + 0.5))
  }
}
