import type BetterSqlite3 from 'better-sqlite3'
import { ApiError } from '../../shared/api/errors'
import type { DomainHandlers } from '../api/handler-types'
import type { SearchService } from '../search/search.service'
import { resolveScope } from '../insights/scope'
import { recommendationMetrics } from './recommendation-metrics'

export function createRecommendationHandlers(sqlite: BetterSqlite3.Database, search: SearchService): DomainHandlers<'recommendations-metrics' | 'recommendation-feedback'> {
  return {
    'recommendations-metrics': async ({ scope, ...input }) =>
      recommendationMetrics(sqlite, { ...input, projectIds: scope === 'included' ? resolveScope(sqlite, { scope }).projects : undefined }),
    'recommendation-feedback': async (input) => {
      if (!search.feedback(input)) throw new ApiError('not-found', `no recommendation ${input.recommendationId}`)
      return input
    },
  }
}
