import { STOP_WORDS } from './lexical-index'
import type { SearchableSkill } from './searchable-skill'

/** Characters per window: long enough to be specific, short enough to meet "deploy" in "deployment". */
const N = 4

/** Words of a text as character 4-grams, each word wrapped as `<word>` so its start and end count. */
export function charGrams(text: string): string[] {
  const grams: string[] = []
  for (const word of text.toLowerCase().split(/[^\p{L}\p{N}]+/u)) {
    if (word.length < 2 || STOP_WORDS.has(word)) continue
    const wrapped = `<${word}>`
    for (let i = 0; i + N <= wrapped.length; i++) grams.push(wrapped.slice(i, i + N))
  }
  return grams
}

export function skillWholeText(skill: Pick<SearchableSkill, 'name' | 'description' | 'headings' | 'body'>): string {
  return [skill.name.replace(/[-_:/]+/g, ' '), skill.description, skill.headings, skill.body].join('\n')
}

/**
 * TF-IDF over character 4-grams of a skill's whole text. It matches word forms and compounds that
 * word matching misses ("deploying" and "deployment", "dataframe" and "data frame") without a stemmer
 * per language. Weights (1 + ln tf)·(ln((N+1)/(df+1)) + 1); vectors normalised, so a score is a cosine.
 */
export class CharNgramIndex {
  /** Per gram: the skills that have it and the gram's normalised weight in each. */
  private readonly postings = new Map<string, Array<{ key: string; weight: number }>>()
  private readonly idf = new Map<string, number>()
  readonly size: number

  constructor(skills: SearchableSkill[]) {
    const counted = skills.map((s) => ({ key: s.key, tf: termFrequencies(charGrams(skillWholeText(s))) }))
    this.size = counted.length
    const df = new Map<string, number>()
    for (const { tf } of counted) for (const gram of tf.keys()) df.set(gram, (df.get(gram) ?? 0) + 1)
    for (const [gram, count] of df) this.idf.set(gram, Math.log((this.size + 1) / (count + 1)) + 1)
    for (const { key, tf } of counted) {
      const weights = this.weigh(tf)
      for (const [gram, weight] of weights) {
        let list = this.postings.get(gram)
        if (!list) this.postings.set(gram, (list = []))
        list.push({ key, weight })
      }
    }
  }

  /** Cosine similarity of the request to each skill that shares a gram with it (raw, not scaled to the best). */
  similarities(query: string): Map<string, number> {
    const scores = new Map<string, number>()
    for (const [gram, queryWeight] of this.weigh(termFrequencies(charGrams(query)), true)) {
      for (const { key, weight } of this.postings.get(gram) ?? []) scores.set(key, (scores.get(key) ?? 0) + queryWeight * weight)
    }
    return scores
  }

  /**
   * Normalised TF-IDF weights. A request's grams that no skill has (df 0) still count in its norm: a
   * request mostly about things no skill mentions should not look like a close match to any.
   */
  private weigh(tf: Map<string, number>, unknownCount = false): Map<string, number> {
    const weights = new Map<string, number>()
    let norm = 0
    const unseen = Math.log(this.size + 1) + 1
    for (const [gram, count] of tf) {
      const idf = this.idf.get(gram) ?? (unknownCount ? unseen : undefined)
      if (idf === undefined) continue
      const w = (1 + Math.log(count)) * idf
      weights.set(gram, w)
      norm += w * w
    }
    norm = Math.sqrt(norm)
    if (norm > 0) for (const [gram, w] of weights) weights.set(gram, w / norm)
    return weights
  }
}

function termFrequencies(grams: string[]): Map<string, number> {
  const tf = new Map<string, number>()
  for (const gram of grams) tf.set(gram, (tf.get(gram) ?? 0) + 1)
  return tf
}
