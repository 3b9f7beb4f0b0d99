import MiniSearch from 'minisearch'
import type { SearchableSkill } from './searchable-skill'

/** Words that carry no meaning for matching a request to a skill. */
const STOP_WORDS = new Set(
  'a an and are as at be but by can do does for from get has have how i if in into is it its me my of on or our so that the their then there these this to up use used uses using want was we what when where which who why will with you your'.split(' '),
)

/** Light suffix stripping, so "testing", "tests" and "tested" meet "test". */
export function stem(term: string): string {
  let t = term.toLowerCase()
  if (t.length > 5) t = t.replace(/(ations?|ings?|ments?|ness|edly|ers?|ies)$/, (m) => (m === 'ies' ? 'y' : ''))
  if (t.length > 4) t = t.replace(/(ed|es|s)$/, '')
  return t
}

/**
 * BM25 lexical matching (MiniSearch) over a skill's name, description, headings and body, with the
 * name and description weighted most. Scores are scaled to 0..1 by the best match of each query.
 */
export class LexicalIndex {
  private readonly index: MiniSearch<SearchableSkill & { id: string; nameWords: string }>

  constructor(skills: SearchableSkill[]) {
    this.index = new MiniSearch({
      idField: 'id',
      fields: ['nameWords', 'description', 'headings', 'body'],
      processTerm: (term) => (STOP_WORDS.has(term.toLowerCase()) ? null : stem(term)),
      searchOptions: {
        boost: { nameWords: 3, description: 2, headings: 1, body: 0.4 },
        prefix: (term) => term.length > 4,
        fuzzy: (term) => (term.length > 6 ? 0.15 : 0),
        combineWith: 'OR',
      },
    })
    this.index.addAll(skills.map((s) => ({ ...s, id: s.key, nameWords: s.name.replace(/[-_:/]+/g, ' ') })))
  }

  search(query: string): Map<string, number> {
    const results = this.index.search(query)
    const best = results[0]?.score ?? 0
    return new Map(results.map((r) => [r.id as string, best > 0 ? r.score / best : 0]))
  }
}
