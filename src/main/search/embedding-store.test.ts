import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { openDatabase } from '../storage/database'
import { tempDir } from '../test-support/temp-dir'
import { writeTinySentenceModel } from '../test-support/tiny-sentence-model'
import type { Embedder } from './embedder'
import { EmbeddingStore, embedWithStore } from './embedding-store'
import { TransformersEmbedder } from './transformers-embedder'

/** Counts what reaches the real embedder underneath. */
function counting(embedder: Embedder) {
  const seen: string[] = []
  return { seen, embedder: { model: embedder.model, embed: (texts: string[]) => (seen.push(...texts), embedder.embed(texts)) } }
}

describe('embedWithStore', () => {
  it('embeds each distinct text once per model and keeps the vectors across restarts', async () => {
    const dir = tempDir()
    const model = path.join(dir, 'tiny')
    writeTinySentenceModel(model)
    const file = path.join(dir, 'db.sqlite')
    const real = new TransformersEmbedder({ model, modelsDir: dir, allowDownload: false })

    const first = await openDatabase(file)
    const a = counting(real)
    const progress: number[] = []
    const vectors = await embedWithStore(new EmbeddingStore(first.sqlite), a.embedder, ['fix the bug', 'design a poster', 'fix the bug'], { onProgress: (p) => progress.push(p.done) })
    expect(a.seen).toEqual(['fix the bug', 'design a poster'])
    expect(vectors).toHaveLength(3)
    expect([...vectors[2]!]).toEqual([...vectors[0]!])
    expect(progress).toEqual([0, 2])
    await first.close()

    const again = await openDatabase(file)
    const b = counting(real)
    const store = new EmbeddingStore(again.sqlite)
    const cached = await embedWithStore(store, b.embedder, ['design a poster', 'ship the release'])
    expect(b.seen).toEqual(['ship the release'])
    expect([...cached[0]!]).toEqual([...vectors[1]!])
    expect(store.count(real.model)).toBe(3)
    expect(store.count('another-model')).toBe(0)
    await again.close()
  })
})
