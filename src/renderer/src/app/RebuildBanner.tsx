import { useProgress } from '../api/use-progress'

/** Shown while the app re-derives skill outcomes from event logs and transcripts (once, after an upgrade). */
export function RebuildBanner() {
  const progress = useProgress('rebuild')
  if (!progress || progress.done >= progress.total) return null
  return (
    <div className="banner" role="status">
      Re-deriving skill outcomes from your event logs and transcripts: <progress max={progress.total} value={progress.done} /> {progress.done} of {progress.total}{' '}
      files ({progress.detail}). Numbers settle when this ends.
    </div>
  )
}
