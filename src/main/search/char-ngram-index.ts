import { STOP_WORDS } from './lexical-index'
import type { SearchableSkill } from './searchable-skill'

/** Characters per window: long enough to be specific, short enough to meet "deploy" in "deployment". */
const N = 4

/** Calls `visit` with each character 4-gram of each word, the word wrapped as `<word>` so its start and end count. */
export function forEachGram(text: string, visit: (gram: string) => void): void {
  for (const match of text.toLowerCase().matchAll(/[\p{L}\p{N}]+/gu)) {
    const word = match[0]
    if (word.length < 2 || STOP_WORDS.has(word)) continue
    const wrapped = `<${word}>`
    for (let i = 0; i + N <= wrapped.length; i++) visit(wrapped.slice(i, i + N))
  }
}

export function charGrams(text: string): string[] {
  const grams: string[] = []
  forEachGram(text, (gram) => grams.push(gram))
  return grams
}

export function skillWholeText(skill: Pick<SearchableSkill, 'name' | 'description' | 'headings' | 'body'>): string {
  return [skill.name.replace(/[-_:/]+/g, ' '), skill.description, skill.headings, skill.body].join('\n')
}

/**
 * TF-IDF over character 4-grams of a skill's whole text. It matches word forms and compounds that
 * word matching misses ("deploying" and "deployment", "dataframe" and "data frame") without a stemmer
 * per language. Weights (1 + ln tf)·(ln((N+1)/(df+1)) + 1); vectors normalised, so a score is a cosine.
 * Postings are typed arrays: the index lives as long as the catalogue, in the app's steady memory.
 */
export class CharNgramIndex {
  private readonly keys: string[]
  /** Per gram: its IDF, and where its postings start in `docs` / `weights` (ends at the next gram's start). */
  private readonly gramIds = new Map<string, number>()
  private readonly idf: Float64Array
  private readonly starts: Uint32Array
  private readonly docs: Uint32Array
  private readonly weights: Float32Array

  constructor(skills: SearchableSkill[]) {
    this.keys = skills.map((s) => s.key)
    const perSkill = skills.map((s) => {
      const tf = new Map<number, number>()
      forEachGram(skillWholeText(s), (gram) => {
        let id = this.gramIds.get(gram)
        if (id === undefined) this.gramIds.set(gram, (id = this.gramIds.size))
        tf.set(id, (tf.get(id) ?? 0) + 1)
      })
      return tf
    })
    const grams = this.gramIds.size
    const df = new Uint32Array(grams)
    for (const tf of perSkill) for (const id of tf.keys()) df[id]!++
    this.idf = new Float64Array(grams)
    for (let id = 0; id < grams; id++) this.idf[id] = Math.log((this.size + 1) / (df[id]! + 1)) + 1
    this.starts = new Uint32Array(grams + 1)
    for (let id = 0; id < grams; id++) this.starts[id + 1] = this.starts[id]! + df[id]!
    this.docs = new Uint32Array(this.starts[grams]!)
    this.weights = new Float32Array(this.starts[grams]!)
    const filled = new Uint32Array(grams)
    for (const [doc, tf] of perSkill.entries()) {
      for (const [id, weight] of this.weigh(tf)) {
        const at = this.starts[id]! + filled[id]!++
        this.docs[at] = doc
        this.weights[at] = weight
      }
    }
  }

  get size(): number {
    return this.keys.length
  }

  /** Cosine similarity of the request to each skill that shares a gram with it (raw, not scaled to the best). */
  similarities(query: string): Map<string, number> {
    const tf = new Map<number, number>()
    // A request's grams that no skill has still count in its norm (see `weigh`): each gets its own id here.
    let unseen = -1
    const unseenIds = new Map<string, number>()
    forEachGram(query, (gram) => {
      let id = this.gramIds.get(gram) ?? unseenIds.get(gram)
      if (id === undefined) unseenIds.set(gram, (id = unseen--))
      tf.set(id, (tf.get(id) ?? 0) + 1)
    })
    const scores = new Float64Array(this.size)
    const touched: number[] = []
    for (const [id, queryWeight] of this.weigh(tf)) {
      if (id < 0) continue
      for (let at = this.starts[id]!; at < this.starts[id + 1]!; at++) {
        const doc = this.docs[at]!
        if (scores[doc] === 0) touched.push(doc)
        scores[doc] = scores[doc]! + queryWeight * this.weights[at]!
      }
    }
    return new Map(touched.map((doc) => [this.keys[doc]!, scores[doc]!]))
  }

  /**
   * Normalised TF-IDF weights of gram ids. A request's grams that no skill has (negative ids, df 0)
   * still count in its norm: a request mostly about things no skill mentions should not look like a
   * close match to any.
   */
  private weigh(tf: Map<number, number>): Array<[number, number]> {
    const unseenIdf = Math.log(this.size + 1) + 1
    const weights: Array<[number, number]> = []
    let norm = 0
    for (const [id, count] of tf) {
      const w = (1 + Math.log(count)) * (id < 0 ? unseenIdf : this.idf[id]!)
      weights.push([id, w])
      norm += w * w
    }
    norm = Math.sqrt(norm)
    if (norm > 0) for (const pair of weights) pair[1] /= norm
    return weights
  }
}
