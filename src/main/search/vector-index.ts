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

const KIND_CODES: Record<SkillTextKind, number> = { whole: 0, fragment: 1, section: 2 }

interface Entry {
  key: string
  kinds: SkillTextKind[]
  kindCodes: Uint8Array
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
        return { key: s.key, kinds: s.parts.map((p) => p.kind), kindCodes: Uint8Array.from(s.parts.map((p) => KIND_CODES[p.kind])), vectors, hub: 0 }
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
    // Best match per kind in plain locals: this loop runs over every text of every skill per query.
    for (const entry of this.entries) {
      const best = [-Infinity, -Infinity, -Infinity]
      for (let i = 0; i < entry.kinds.length; i++) {
        const s = dot(q, entry.vectors, i * this.dims, this.dims)
        const kind = entry.kindCodes[i]!
        if (s > best[kind]!) best[kind] = s
      }
      let sum = 0
      let kinds = 0
      for (const b of best) {
        if (b === -Infinity) continue
        sum += b
        kinds++
      }
      result.set(entry.key, sum / kinds - HUB_CORRECTION * entry.hub)
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
  // Four running sums: about twice as fast as one in V8 for 512 dimensions.
  let s0 = 0
  let s1 = 0
  let s2 = 0
  let s3 = 0
  let i = 0
  for (; i + 3 < length; i += 4) {
    s0 += a[i]! * b[offset + i]!
    s1 += a[i + 1]! * b[offset + i + 1]!
    s2 += a[i + 2]! * b[offset + i + 2]!
    s3 += a[i + 3]! * b[offset + i + 3]!
  }
  for (; i < length; i++) s0 += a[i]! * b[offset + i]!
  return s0 + s1 + s2 + s3
}

/** Unit length; a vector with no direction (or a non-finite value, as from pooling nothing known) scores 0 against anything. */
function unit(v: Float32Array): Float32Array {
  let n = 0
  for (const x of v) n += x * x
  if (!Number.isFinite(n) || n === 0) return new Float32Array(v.length)
  n = Math.sqrt(n)
  return v.map((x) => x / n)
}
