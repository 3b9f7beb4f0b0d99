import fs from 'node:fs'
import { parentPort, workerData } from 'node:worker_threads'
import { readEventBatches } from './event-batches'

/**
 * Worker thread: reads and parses an event-log backlog while the ingesting thread writes to SQLite,
 * so a large backlog uses both cores. `inFlight` (shared with the ingester) bounds how many parsed
 * batches wait in memory.
 */
export interface ParseWorkerInput {
  file: string
  size: number
  offset: number
  line: number
  inFlight: SharedArrayBuffer
}

const MAX_IN_FLIGHT = 4
const input = workerData as ParseWorkerInput
const inFlight = new Int32Array(input.inFlight)
const fd = fs.openSync(input.file, 'r')
try {
  for (const batch of readEventBatches(fd, input.size, input.offset, input.line)) {
    while (Atomics.load(inFlight, 0) >= MAX_IN_FLIGHT) Atomics.wait(inFlight, 0, Atomics.load(inFlight, 0), 50)
    Atomics.add(inFlight, 0, 1)
    // One JSON array text per batch, made of the validated lines: far cheaper to pass between
    // threads than 20,000 cloned objects.
    const { events: _events, texts, ...rest } = batch
    parentPort!.postMessage({ batch: rest, events: `[${texts.join(',')}]` })
  }
  parentPort!.postMessage({ done: true })
} catch (error) {
  parentPort!.postMessage({ error: (error as Error).message })
} finally {
  fs.closeSync(fd)
}
