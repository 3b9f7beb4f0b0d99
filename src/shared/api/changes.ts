/**
 * What changed, pushed from main to every open window so it can refetch.
 * The topic names double as the first element of the renderer's TanStack Query keys.
 */
export const CHANGE_TOPICS = ['projects', 'sessions', 'skills', 'ingest', 'settings'] as const
export type ChangeTopic = (typeof CHANGE_TOPICS)[number]

export interface ChangeEvent {
  topics: ChangeTopic[]
  at: string
}
