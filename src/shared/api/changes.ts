/**
 * What changed, pushed from main to every open window so it can refetch.
 * The topic names double as the first element of the renderer's TanStack Query keys.
 */
export const CHANGE_TOPICS = ['projects', 'sessions', 'skills', 'ingest', 'settings'] as const
export type ChangeTopic = (typeof CHANGE_TOPICS)[number]

export interface ChangeEvent {
  topics: ChangeTopic[]
  at: string
  /** Set on progress reports of long work (imports), which change no data by themselves. */
  progress?: ProgressReport
  /** Set when long work the user started (an import) has finished; the desktop app may notify. */
  finished?: FinishedWork
}

export interface FinishedWork {
  /** e.g. "import:claude-code" */
  task: string
  /** One line for a notification, e.g. "412 skill runs added from 38 transcripts". */
  summary: string
}

export interface ProgressReport {
  /** e.g. "import:claude-code" */
  task: string
  done: number
  total: number
  detail?: string
}
