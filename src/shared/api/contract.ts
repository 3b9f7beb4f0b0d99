import type { z } from 'zod'
import type { Endpoint } from './endpoint'
import { correlationApi } from './correlation'
import { projectsApi } from './projects'
import { searchApi } from './search'
import { insightsApi, reportsApi } from './insights'
import { systemApi } from './system'
import { trackingApi } from './tracking'
import { toolsApi } from './tools'
import { conversationApi, conversationSearchApi } from './conversation'
import { coverageApi } from './coverage'
import { usageApi } from './usage'
import { recommendationsApi } from './recommendations'
import { desktopApi } from './desktop'
import { teamMetricsApi } from './team-metrics'

/**
 * The one API between the renderer and main, served over Electron IPC, the loopback HTTP
 * server, the CLI and the MCP server from the same handler map. Each domain declares its
 * endpoints in its own file; they all join here.
 */
export const apiContract = {
  ...systemApi,
  ...projectsApi,
  ...trackingApi,
  ...correlationApi,
  ...searchApi,
  ...insightsApi,
  ...reportsApi,
  ...usageApi,
  ...toolsApi,
  ...conversationApi,
  ...conversationSearchApi,
  ...coverageApi,
  ...recommendationsApi,
  ...desktopApi,
  ...teamMetricsApi,
}

export type ApiContract = typeof apiContract
export type ApiName = keyof ApiContract
export type ApiInput<N extends ApiName> = z.input<ApiContract[N]['input']>
export type ApiParsedInput<N extends ApiName> = z.output<ApiContract[N]['input']>
export type ApiOutput<N extends ApiName> = ApiContract[N] extends Endpoint<z.ZodType, infer O> ? O : never

export function isApiName(name: unknown): name is ApiName {
  return typeof name === 'string' && Object.hasOwn(apiContract, name)
}
