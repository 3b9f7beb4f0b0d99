import type { DomainHandlers } from '../api/handler-types'
import type { TeamMetricsService } from './team-metrics.service'

export function createTeamMetricsHandlers(teamMetrics: TeamMetricsService): DomainHandlers<'team-metrics-get' | 'team-metrics-set'> {
  return {
    'team-metrics-get': async () => teamMetrics.view(),
    'team-metrics-set': async (input) => teamMetrics.update(input),
  }
}
