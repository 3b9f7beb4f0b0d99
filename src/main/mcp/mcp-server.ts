import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js'
import type { AppContext } from '../app-context'
import { packageVersion } from '../system/package-root'
import { registerInsightTools } from './insight-tools'
import { McpToolContext } from './mcp-context'
import { registerSearchTools } from './search-tools'
import { registerTrackingTools } from './tracking-tools'

/** Session Buddy's tools over MCP, backed by the same handlers as the app. */
export function createMcpServer(app: AppContext, projectDir: string): McpServer {
  const server = new McpServer(
    { name: 'session-buddy', version: packageVersion() },
    { instructions: 'Track skill invocations (track_invocation, then complete_invocation), find the right skill for a request (find_skills, recommend_skills), and read metrics, sessions and cross-project insights.' },
  )
  const context = new McpToolContext(app, projectDir)
  registerTrackingTools(server, context)
  registerSearchTools(server, context)
  registerInsightTools(server, context)
  return server
}
