import crypto from 'node:crypto'
import type BetterSqlite3 from 'better-sqlite3'
import type { Embedder } from './embedder'
import { execute, first, query } from '../storage/typed-query'

/** Texts sent to the embedder at once; progress is reported and vectors saved after each chunk. */
const CHUNK = 64

export const textHash = (text: string) => crypto.createHash('sha256').update(text).digest('hex')

/** Vectors in SQLite keyed by model and text hash: what was embedded once is never embedded again. */
export class EmbeddingStore {
  private readonly select: BetterSqlite3.Statement<[string, string], { text_hash: string; vector: Buffer }>
  private readonly insert: BetterSqlite3.Statement<[string, string, number, Buffer, string]>

  constructor(private readonly sqlite: BetterSqlite3.Database) {
    // Raw and prepared once: run for every batch of vectors while a catalogue is embedded (a bulk reader and writer).
    this.select = sqlite.prepare('select text_hash, vector from text_embeddings where model = ? and text_hash in (select value from json_each(?))')
    this.insert = sqlite.prepare('insert or replace into text_embeddings (model, text_hash, dims, vector, created_at) values (?, ?, ?, ?, ?)')
  }

  get(model: string, hashes: string[]): Map<string, Float32Array> {
    const found = new Map<string, Float32Array>()
    for (const row of this.select.all(model, JSON.stringify(hashes))) {
      const copy = new Uint8Array(row.vector).buffer
      found.set(row.text_hash, new Float32Array(copy))
    }
    return found
  }

  /** Whether every text has a stored vector of this model. */
  hasAll(model: string, texts: string[]): boolean {
    const hashes = [...new Set(texts.map(textHash))]
    return (this.sqlite.prepare('select count(*) from text_embeddings where model = ? and text_hash in (select value from json_each(?))').pluck().get(model, JSON.stringify(hashes)) as number) === hashes.length
  }

  put(model: string, entries: Array<{ hash: string; vector: Float32Array }>): void {
    const now = new Date().toISOString()
    this.sqlite.transaction(() => {
      for (const { hash, vector } of entries) this.insert.run(model, hash, vector.length, Buffer.from(vector.buffer, vector.byteOffset, vector.byteLength), now)
    })()
  }

  count(model: string): number {
    return first(this.sqlite, query.selectFrom('text_embeddings').select((eb) => eb.fn.countAll<number>().as('n')).where('model', '=', model))!.n
  }

  /** Vectors of models no longer in use; kept until asked, since switching back is common. */
  deleteOtherModels(model: string): number {
    return execute(this.sqlite, query.deleteFrom('text_embeddings').where('model', '!=', model))
  }
}

export interface EmbedProgress {
  done: number
  total: number
  /** Of `total`, how many were already stored. */
  cached: number
}

/**
 * Vectors for `texts`, from the store where present, otherwise from the embedder (then stored).
 * Identical texts are embedded once. `signal` stops between chunks; what was embedded stays stored.
 */
export async function embedWithStore(
  store: EmbeddingStore,
  embedder: Embedder,
  texts: string[],
  options: { onProgress?: (progress: EmbedProgress) => void; signal?: AbortSignal } = {},
): Promise<Float32Array[]> {
  const hashes = texts.map(textHash)
  const unique = [...new Set(hashes)]
  const known = store.get(embedder.model, unique)
  const missing = unique.filter((h) => !known.has(h))
  const textOf = new Map(hashes.map((h, i) => [h, texts[i]!]))
  const cached = unique.length - missing.length
  options.onProgress?.({ done: cached, total: unique.length, cached })
  for (let i = 0; i < missing.length; i += CHUNK) {
    options.signal?.throwIfAborted()
    const chunk = missing.slice(i, i + CHUNK)
    const vectors = await embedder.embed(chunk.map((h) => textOf.get(h)!))
    const entries = chunk.map((hash, j) => ({ hash, vector: vectors[j]! }))
    store.put(embedder.model, entries)
    for (const { hash, vector } of entries) known.set(hash, vector)
    options.onProgress?.({ done: cached + Math.min(missing.length, i + CHUNK), total: unique.length, cached })
  }
  return hashes.map((h) => known.get(h)!)
}
