import fs from 'node:fs'
import path from 'node:path'
import { Worker } from 'node:worker_threads'
import type { EmbedderSetting } from '../../shared/api/search'
import { packageRoot } from '../system/package-root'
import type { Embedder } from './embedder'
import { createEmbedder, modelName } from './create-embedder'

const EMBED_WORKER = path.join(packageRoot(), 'out', 'main', 'embed-worker.js')

/**
 * Runs the configured embedder in a worker thread (built as out/main/embed-worker.js). Where the
 * build is absent (running from source), it falls back to this thread. The worker starts on first
 * use and is ended by `close()`.
 */
export class WorkerEmbedder implements Embedder {
  readonly model: string
  private worker: Worker | undefined
  private local: Embedder | undefined
  private nextId = 1
  private readonly pending = new Map<number, { resolve(v: Float32Array[]): void; reject(e: Error): void }>()

  constructor(
    private readonly setting: EmbedderSetting,
    private readonly dataDir: string,
  ) {
    this.model = modelName(setting)
  }

  embed(texts: string[]): Promise<Float32Array[]> {
    if (!fs.existsSync(EMBED_WORKER)) {
      this.local ??= createEmbedder(this.setting, this.dataDir)
      return this.local.embed(texts)
    }
    const worker = this.start()
    const id = this.nextId++
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject })
      worker.postMessage({ id, texts })
    })
  }

  async close(): Promise<void> {
    const worker = this.worker
    this.worker = undefined
    if (worker) await worker.terminate()
  }

  private start(): Worker {
    if (this.worker) return this.worker
    // The worker's output goes to stderr: stdout may carry a protocol (the MCP server's).
    const worker = new Worker(EMBED_WORKER, { workerData: { setting: this.setting, dataDir: this.dataDir }, stdout: true })
    worker.stdout.pipe(process.stderr)
    worker.unref()
    worker.on('message', (message: { id: number; vectors?: Float32Array[]; error?: string }) => {
      const waiting = this.pending.get(message.id)
      this.pending.delete(message.id)
      if (message.error !== undefined) waiting?.reject(new Error(message.error))
      else waiting?.resolve(message.vectors!)
    })
    const failAll = (error: Error) => {
      for (const waiting of this.pending.values()) waiting.reject(error)
      this.pending.clear()
      if (this.worker === worker) this.worker = undefined
    }
    worker.on('error', failAll)
    worker.on('exit', (code) => failAll(new Error(`embedding worker exited (code ${code})`)))
    this.worker = worker
    return worker
  }
}
