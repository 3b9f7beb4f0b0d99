import { useState } from 'react'
import { useApiMutation } from '../../api/client'

/** Optional thumbs up / down on one result, stored locally; pressing the same one again takes it back. */
export function FeedbackButtons({ recommendationId, skill }: { recommendationId: number | null; skill: string }) {
  const [vote, setVote] = useState<boolean | null>(null)
  const send = useApiMutation('recommendation-feedback', [])
  if (recommendationId === null) return null
  const press = (helpful: boolean) => {
    const next = vote === helpful ? null : helpful
    send.mutate({ recommendationId, skill, helpful: next }, { onSuccess: () => setVote(next) })
  }
  return (
    <span className="feedback-buttons" role="group" aria-label={`Was ${skill} a good suggestion?`}>
      <button type="button" className="vote-button" aria-pressed={vote === true} disabled={send.isPending} onClick={() => press(true)}>
        Helpful
      </button>
      <button type="button" className="vote-button" aria-pressed={vote === false} disabled={send.isPending} onClick={() => press(false)}>
        Not helpful
      </button>
    </span>
  )
}
