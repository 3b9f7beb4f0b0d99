import { parentPort, workerData } from 'node:worker_threads'
import BetterSqlite3 from 'better-sqlite3'
import { nativeBindingPath } from '../storage/native-binding'
import { readTeamMetrics } from './metrics-snapshot'

/**
 * Worker thread: computes team-metrics snapshots on its own read-only connection. At a million runs a
 * snapshot takes a second or more (grouping every tool call and token row), which the app's main thread
 * must not spend. The main thread keeps the summaries current and the pseudonym key made before it asks.
 */
const db = new BetterSqlite3((workerData as { file: string }).file, { readonly: true, fileMustExist: true, nativeBinding: nativeBindingPath() })
db.pragma('busy_timeout = 5000')
parentPort!.on('message', (request: { id: number; includeProjectNames: boolean }) => {
  try {
    parentPort!.postMessage({ id: request.id, snapshot: readTeamMetrics(db, { includeProjectNames: request.includeProjectNames }) })
  } catch (error) {
    parentPort!.postMessage({ id: request.id, error: (error as Error).message })
  }
})
