import path from 'node:path'
import type { EmbedderSetting } from '../../shared/api/search'
import type { Embedder } from './embedder'
import { TransformersEmbedder } from './transformers-embedder'
import { UseLiteEmbedder } from './use-lite-embedder'

/** The embedder a setting names, running in this thread. */
export function createEmbedder(setting: EmbedderSetting, dataDir: string): Embedder {
  if (setting.kind === 'use-lite') return new UseLiteEmbedder()
  return new TransformersEmbedder({ model: setting.model, modelsDir: modelsDir(dataDir), allowDownload: setting.allowDownload })
}

export const modelsDir = (dataDir: string) => path.join(dataDir, 'models')

/** The name vectors are stored under, known before the model loads. */
export function modelName(setting: EmbedderSetting): string {
  if (setting.kind === 'use-lite') return UseLiteEmbedder.MODEL
  return `transformers:${path.isAbsolute(setting.model) ? path.basename(setting.model) : setting.model}`
}
