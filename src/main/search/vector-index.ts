import type { SkillTextKind } from './skill-texts'

/**
 * Hubness correction: some skills ("finish a branch", "develop") sit close to everything in the
 * embedding space and float up for any request. Each skill's similarity is lowered by this share of
 * its mean similarity to its nearest neighbours (the CSLS idea from cross-lingual retrieval).
 */
export const HUB_CORRECTION = 0.3
export const HUB_NEIGHBOURS = 10

export interface SkillVectorSet {
  key: string
  parts: Array<{ kind: SkillTextKind; vector: Float32Array }>
}

interface Entry {
  key: string
  kinds: SkillTextKind[]
  /** Unit-length vectors, concatenated. */
  vectors: Float32Array
  hub: number
}

/** In-memory vectors of every skill text, with similarity of a request to each skill. */
export class VectorIndex {
  readonly dims: number
  private readonly entries: Entry[]

  constructor(sets: SkillVectorSet[]) {
    this.dims = sets.find((s) => s.parts.length)?.parts[0]!.vector.length ?? 0
    this.entries = sets
      .filter((s) => s.parts.length)
      .map((s) => {
        const vectors = new Float32Array(s.parts.length * this.dims)
        s.parts.forEach((p, i) => vectors.set(unit(p.vector), i * this.dims))
        return { key: s.key, kinds: s.parts.map((p) => p.kind), vectors, hub: 0 }
      })
    this.computeHubness()
  }

  get size(): number {
    return this.entries.length
  }

  /**
   * Each skill's similarity to the request: the mean, over the kinds of text it has, of its best
   * match of that kind, minus hubness. (Weighing sections half was tried: worse on both query sets.)
   */
  similarities(query: Float32Array): Map<string, number> {
    const q = unit(query)
    const result = new Map<string, number>()
    const best: Partial<Record<SkillTextKind, number>> = {}
    for (const entry of this.entries) {
      for (const kind of Object.keys(best) as SkillTextKind[]) delete best[kind]
      for (let i = 0; i < entry.kinds.length; i++) {
        const s = dot(q, entry.vectors, i * this.dims, this.dims)
        const kind = entry.kinds[i]!
        if (best[kind] === undefined || s > best[kind]) best[kind] = s
      }
      const matches = Object.values(best)
      result.set(entry.key, matches.reduce((a, b) => a + b, 0) / matches.length - HUB_CORRECTION * entry.hub)
    }
    return result
  }

  private computeHubness(): void {
    const wholes = this.entries.map((e) => e.vectors.subarray(0, this.dims))
    const k = Math.min(HUB_NEIGHBOURS, wholes.length - 1)
    if (k < 1) return
    for (const [i, entry] of this.entries.entries()) {
      const sims: number[] = []
      for (const [j, other] of wholes.entries()) if (j !== i) sims.push(dot(wholes[i]!, other, 0, this.dims))
      sims.sort((a, b) => b - a)
      entry.hub = sims.slice(0, k).reduce((a, b) => a + b, 0) / k
    }
  }
}

function dot(a: Float32Array, b: Float32Array, offset: number, length: number): number {
  let s = 0
  for (let i = 0; i < length; i++) s += a[i]! * b[offset + i]!
  return s
}

/** Unit length; a vector with no direction (or a non-finite value, as from pooling nothing known) scores 0 against anything. */
function unit(v: Float32Array): Float32Array {
  let n = 0
  for (const x of v) n += x * x
  if (!Number.isFinite(n) || n === 0) return new Float32Array(v.length)
  n = Math.sqrt(n)
  return v.map((x) => x / n)
}
