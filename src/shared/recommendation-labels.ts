// Kept apart from the API schemas: the renderer imports it as a value, and importing a zod module would
// bring zod's start-up check for eval (refused by the page's CSP, logged as an error) into the page.
export type RecommendationKind = 'review' | 'check-after' | 'sequence' | 'adopt' | 'speed-up' | 'slow-step'

/** What each kind is called on a page or in a report, in sentence case. */
export const RECOMMENDATION_LABELS: Record<RecommendationKind, string> = {
  review: 'Often fails',
  'check-after': 'Followed by failures',
  sequence: 'Sequence that helps',
  adopt: 'Works in similar projects',
  'speed-up': 'Slow skill',
  'slow-step': 'Slow workflow step',
}
