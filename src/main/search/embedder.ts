/** A sentence encoder. Real models only; each names itself so stored vectors are keyed by model. */
export interface Embedder {
  /** e.g. "use-lite-512"; vectors in SQLite are keyed by this and the text's content hash. */
  readonly model: string
  embed(texts: string[]): Promise<Float32Array[]>
}

export function cosine(a: Float32Array, b: Float32Array): number {
  let dot = 0
  let na = 0
  let nb = 0
  for (let i = 0; i < a.length; i++) {
    dot += a[i]! * b[i]!
    na += a[i]! * a[i]!
    nb += b[i]! * b[i]!
  }
  return na && nb ? dot / Math.sqrt(na * nb) : 0
}
