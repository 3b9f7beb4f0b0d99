import fs from 'node:fs'
import path from 'node:path'
import type { Embedder } from './embedder'

const BATCH = 16

export interface TransformersModelOptions {
  /** A model folder (absolute path), or a Hugging Face id looked up under `modelsDir`. */
  model: string
  /** Where models live and, when downloads are allowed, are downloaded to: `<data dir>/models`. */
  modelsDir: string
  /** Only when the user allowed it in Settings; the default is no network at all. */
  allowDownload: boolean
}

type Extractor = (texts: string[], options: { pooling: 'mean'; normalize: boolean }) => Promise<{ tolist(): number[][] }>

/**
 * MiniLM/bge-class sentence encoders through transformers.js (ONNX Runtime, CPU). The model is read
 * from a local folder laid out like a Hugging Face repository (config.json, tokenizer.json,
 * onnx/model.onnx); nothing is fetched unless the user allowed downloads.
 */
export class TransformersEmbedder implements Embedder {
  readonly model: string
  private loading: Promise<Extractor> | undefined

  constructor(private readonly options: TransformersModelOptions) {
    this.model = `transformers:${path.isAbsolute(options.model) ? path.basename(options.model) : options.model}`
  }

  private load(): Promise<Extractor> {
    this.loading ??= (async () => {
      // An optional install (~370 MB with its ONNX runtime): the default embedder needs none of it.
      const { env, pipeline } = await import('@huggingface/transformers').catch((error: unknown) => {
        throw new Error(`transformers.js is not installed: run "npm i -g @huggingface/transformers@3.8.1" beside session-buddy (or npm i in a clone), then choose the model again (${(error as Error).message.split('\n')[0]})`, { cause: error })
      })
      const local = path.isAbsolute(this.options.model)
      const root = local ? path.dirname(this.options.model) : this.options.modelsDir
      const id = local ? path.basename(this.options.model) : this.options.model
      if (!this.options.allowDownload && !fs.existsSync(path.join(root, id, 'config.json'))) {
        throw new Error(`no model at ${path.join(root, id)} (config.json missing); put the model folder there or allow downloads in Settings`)
      }
      env.allowLocalModels = true
      env.localModelPath = root
      env.allowRemoteModels = this.options.allowDownload
      env.cacheDir = this.options.modelsDir
      const extractor = await pipeline('feature-extraction', id, { dtype: 'fp32' })
      return extractor as unknown as Extractor
    })()
    return this.loading
  }

  async embed(texts: string[]): Promise<Float32Array[]> {
    const extractor = await this.load()
    const vectors: Float32Array[] = []
    for (let i = 0; i < texts.length; i += BATCH) {
      const output = await extractor(texts.slice(i, i + BATCH), { pooling: 'mean', normalize: true })
      vectors.push(...output.tolist().map((v) => Float32Array.from(v)))
    }
    return vectors
  }
}
