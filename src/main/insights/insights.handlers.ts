import type { DomainHandlers } from '../api/handler-types'
import type { InsightsService } from './insights.service'

export function createInsightsHandlers(insights: InsightsService): DomainHandlers<'insights-get' | 'skill-insights'> {
  return {
    'insights-get': async (input) => insights.insights(input),
    'skill-insights': async (input) => insights.skill(input),
  }
}
