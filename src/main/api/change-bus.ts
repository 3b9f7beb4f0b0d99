import { EventEmitter } from 'node:events'
import type { ChangeEvent, ChangeTopic, FinishedWork, ProgressReport } from '../../shared/api/changes'

/** Tells every transport (IPC windows, SSE clients) that data changed, so UIs refetch. */
export class ChangeBus {
  private readonly emitter = new EventEmitter().setMaxListeners(0)

  publish(...topics: ChangeTopic[]): void {
    const event: ChangeEvent = { topics, at: new Date().toISOString() }
    this.emitter.emit('change', event)
  }

  /** Tells open UIs how far long work has come; carries no topics, so nothing refetches. */
  progress(report: ProgressReport): void {
    const event: ChangeEvent = { topics: [], at: new Date().toISOString(), progress: report }
    this.emitter.emit('change', event)
  }

  /** Says long work the user started has finished (the desktop app may notify); changes no data by itself. */
  finished(work: FinishedWork): void {
    const event: ChangeEvent = { topics: [], at: new Date().toISOString(), finished: work }
    this.emitter.emit('change', event)
  }

  subscribe(listener: (event: ChangeEvent) => void): () => void {
    this.emitter.on('change', listener)
    return () => this.emitter.off('change', listener)
  }
}
