import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { packageRoot } from '../system/package-root'
import { tempDir } from '../test-support/temp-dir'
import { WorkerEmbedder } from './worker-embedder'

const built = fs.existsSync(path.join(packageRoot(), 'out', 'main', 'embed-worker.js'))

describe('WorkerEmbedder', () => {
  it.skipIf(!built)('ends its worker when idle, returning its memory, and starts it again on the next use', async () => {
    const embedder = new WorkerEmbedder({ kind: 'use-lite' }, tempDir(), 300)
    try {
      const [first] = await embedder.embed(['my tests keep failing'])
      expect(embedder.running).toBe(true)
      await new Promise((resolve) => setTimeout(resolve, 600))
      expect(embedder.running).toBe(false)
      const [again] = await embedder.embed(['my tests keep failing'])
      expect(embedder.running).toBe(true)
      expect(Array.from(again!)).toEqual(Array.from(first!))
    } finally {
      await embedder.close()
    }
  })
  if (!built) it('(idle test skipped: the embedding worker is not built; run "npm run build")', () => undefined)
})
