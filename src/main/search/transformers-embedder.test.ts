import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { tempDir } from '../test-support/temp-dir'
import { writeTinySentenceModel } from '../test-support/tiny-sentence-model'
import { cosine } from './embedder'
import { TransformersEmbedder } from './transformers-embedder'

describe('TransformersEmbedder (transformers.js + ONNX Runtime, local model folder)', () => {
  it('loads a model folder the test built and embeds with mean pooling, offline', async () => {
    const models = tempDir()
    const folder = path.join(models, 'tiny-encoder')
    const { dims } = writeTinySentenceModel(folder)
    const embedder = new TransformersEmbedder({ model: folder, modelsDir: models, allowDownload: false })
    expect(embedder.model).toBe('transformers:tiny-encoder')
    const [failing, bug, poster] = await embedder.embed(['a failing test', 'fix the bug', 'design a poster'])
    expect(failing!.length).toBe(dims)
    expect(Math.hypot(...failing!)).toBeCloseTo(1, 5)
    expect(cosine(failing!, bug!)).toBeGreaterThan(0.9)
    expect(cosine(failing!, poster!)).toBeLessThan(0.2)
  })

  it('refuses to fetch a model that is not on disk unless downloads are allowed', async () => {
    const embedder = new TransformersEmbedder({ model: 'Xenova/all-MiniLM-L6-v2', modelsDir: tempDir(), allowDownload: false })
    await expect(embedder.embed(['x'])).rejects.toThrow(/no model at .*all-MiniLM-L6-v2 \(config.json missing\).*allow downloads in Settings/)
  })
})
