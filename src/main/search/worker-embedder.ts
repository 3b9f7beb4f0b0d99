import fs from 'node:fs'
import path from 'node:path'
import { Worker } from 'node:worker_threads'
import type { EmbedderSetting } from '../../shared/api/search'
import { packageRoot } from '../system/package-root'
import type { Embedder } from './embedder'
import { createEmbedder, modelName } from './create-embedder'

const EMBED_WORKER = path.join(packageRoot(), 'out', 'main', 'embed-worker.js')
/** A worker with nothing to do for this long is ended, and its memory (the model, WASM heaps) returned. */
const IDLE_STOP_MS = 5 * 60 * 1000

type Waiting = { resolve(v: Float32Array[]): void; reject(e: Error): void }

/**
 * Runs the configured embedder in a worker thread (built as out/main/embed-worker.js). Where the
 * build is absent (running from source), it falls back to this thread. The worker starts on first
 * use, ends after IDLE_STOP_MS with nothing to do (the next use starts it again), and is ended by `close()`.
 */
export class WorkerEmbedder implements Embedder {
  readonly model: string
  private current: { worker: Worker; pending: Map<number, Waiting> } | undefined
  private local: Embedder | undefined
  private nextId = 1
  private idleTimer: NodeJS.Timeout | undefined

  constructor(
    private readonly setting: EmbedderSetting,
    private readonly dataDir: string,
    private readonly idleStopMs = IDLE_STOP_MS,
  ) {
    this.model = modelName(setting)
  }

  /** Whether a worker thread is running now (it is not while idle). */
  get running(): boolean {
    return this.current !== undefined
  }

  embed(texts: string[]): Promise<Float32Array[]> {
    if (!fs.existsSync(EMBED_WORKER)) {
      this.local ??= createEmbedder(this.setting, this.dataDir)
      return this.local.embed(texts)
    }
    clearTimeout(this.idleTimer)
    const { worker, pending } = this.start()
    const id = this.nextId++
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject })
      worker.postMessage({ id, texts })
    })
  }

  async close(): Promise<void> {
    clearTimeout(this.idleTimer)
    const current = this.current
    this.current = undefined
    if (current) await current.worker.terminate()
  }

  private start(): { worker: Worker; pending: Map<number, Waiting> } {
    if (this.current) return this.current
    // The worker's output goes to stderr: stdout may carry a protocol (the MCP server's).
    const worker = new Worker(EMBED_WORKER, { workerData: { setting: this.setting, dataDir: this.dataDir }, stdout: true })
    const pending = new Map<number, Waiting>()
    const current = { worker, pending }
    worker.stdout.pipe(process.stderr)
    worker.unref()
    worker.on('message', (message: { id: number; vectors?: Float32Array[]; error?: string }) => {
      const waiting = pending.get(message.id)
      pending.delete(message.id)
      if (message.error !== undefined) waiting?.reject(new Error(message.error))
      else waiting?.resolve(message.vectors!)
      if (pending.size === 0 && this.current === current) {
        clearTimeout(this.idleTimer)
        this.idleTimer = setTimeout(() => void this.close(), this.idleStopMs).unref()
      }
    })
    // Only this worker's own requests fail with it; a worker started after it is not affected.
    const failAll = (error: Error) => {
      for (const waiting of pending.values()) waiting.reject(error)
      pending.clear()
      if (this.current === current) this.current = undefined
    }
    worker.on('error', failAll)
    worker.on('exit', (code) => failAll(new Error(`embedding worker exited (code ${code})`)))
    this.current = current
    return current
  }
}
