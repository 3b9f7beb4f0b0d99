// Worker thread entry (out/main/embed-worker.js): runs a sentence encoder off the main thread, so
// embedding a catalogue never stalls the app's event loop. Messages: {id, texts} -> {id, vectors} | {id, error}.
import { parentPort, workerData } from 'node:worker_threads'
import type { EmbedderSetting } from '../../shared/api/search'
import { createEmbedder } from './create-embedder'

const { setting, dataDir } = workerData as { setting: EmbedderSetting; dataDir: string }
const embedder = createEmbedder(setting, dataDir)

parentPort!.on('message', (message: { id: number; texts: string[] }) => {
  embedder.embed(message.texts).then(
    (vectors) => {
      const buffers = vectors.map((v) => v.buffer as ArrayBuffer)
      parentPort!.postMessage({ id: message.id, vectors }, buffers)
    },
    (error: unknown) => parentPort!.postMessage({ id: message.id, error: error instanceof Error ? error.message : String(error) }),
  )
})
