import { useRef, useState } from 'react'

/**
 * What a settings form shows while its saves are under way: the user's latest choice, set in the same event
 * (a controlled checkbox would otherwise snap back until the saved value is fetched), dropped once every save
 * has settled and the saved settings are back.
 */
export function useDraft<T>(saved: T | undefined) {
  const [draft, setDraft] = useState<T | null>(null)
  const pending = useRef(0)
  return {
    shown: draft ?? saved,
    /** Shows `next` now; call the returned function when the save has settled. */
    begin(next: T): () => void {
      pending.current += 1
      setDraft(next)
      return () => {
        pending.current -= 1
        if (pending.current === 0) setDraft(null)
      }
    },
  }
}
