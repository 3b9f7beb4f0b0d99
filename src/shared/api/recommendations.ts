import { z } from 'zod'
import { endpoint } from './endpoint'
import { scopeFields } from './scope'

export type RecommendationSource = 'ui' | 'cli' | 'mcp' | 'legacy'

/** How recommendations fared in real use, over recommendations whose outcome is settled. */
export interface FollowThrough {
  /** Recommendations made in the window. */
  recommendations: number
  /** ...whose run is known, or whose window closed without one (the others are still open). */
  settled: number
  /** A skill shown ran next. */
  followed: number
  acceptedAtRank1: number
  acceptedInTop3: number
  /** A skill ran next that was not among those shown. */
  ranNotShown: number
  /** No skill ran within the window. */
  noRun: number
  /** Of the followed ones whose run's outcome is known, how many completed. */
  followedWithOutcome: number
  followedCompleted: number
  helpful: number
  unhelpful: number
}

export interface SkillFollowThrough {
  skill: string
  /** Times shown first. */
  shownFirst: number
  /** Times it ran next while shown (at any rank), and of those, how many completed. */
  ranWhenShown: number
  completedWhenShown: number
  /** Times it ran next while shown first. */
  acceptedAtRank1: number
  /** Times it ran next without being shown. */
  ranNotShown: number
  helpful: number
  unhelpful: number
}

export interface RecommendationMetricsView {
  days: number | null
  /** Minutes after a recommendation within which the next skill run counts as following it. */
  windowMinutes: number
  overall: FollowThrough
  bySource: Array<FollowThrough & { source: RecommendationSource }>
  bySkill: SkillFollowThrough[]
}

export const recommendationsApi = {
  /** Follow-through of search and MCP recommendations in real use, overall, by source and by skill. */
  'recommendations-metrics': endpoint<RecommendationMetricsView>()(
    z
      .object({
        days: scopeFields.days,
        until: scopeFields.until,
        /** Recommendations made for these projects, or for no project ('all' by default). */
        scope: scopeFields.scope,
        source: z.enum(['ui', 'cli', 'mcp', 'legacy']).optional(),
      })
      .strict(),
  ),
  /** Thumbs up (helpful) or down on one result of a recommendation; null takes the vote back. */
  'recommendation-feedback': endpoint<{ recommendationId: number; skill: string; helpful: boolean | null }>()(
    z.object({ recommendationId: z.number().int().positive(), skill: z.string().min(1).max(200), helpful: z.boolean().nullable() }).strict(),
  ),
}
