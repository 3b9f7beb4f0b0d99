import type { RecommendationSource } from '../../../shared/api/recommendations'

/** Where a recommendation was made, as the Search page and Insights name it. */
export const RECOMMENDATION_SOURCE_LABELS: Record<RecommendationSource, string> = { ui: 'Search page', cli: 'CLI (find)', mcp: 'MCP (assistant)', legacy: 'Legacy files' }
