import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import type { ApiInput, ApiName, ApiOutput } from '../../shared/api/contract'
import { dispatch } from '../api/dispatch'
import type { AppContext } from '../app-context'

/** What every tool needs: the app's handlers, the project the server was started in, a session id. */
export class McpToolContext {
  /** One Claude Code session runs one MCP server process, so a per-process id stands in when none is given. */
  readonly defaultSessionId = process.env.SESSION_BUDDY_SESSION_ID ?? `mcp-${crypto.randomUUID()}`

  constructor(
    readonly app: AppContext,
    readonly defaultProjectDir: string,
  ) {}

  /** Calls an API handler through the same dispatcher as IPC and HTTP; an API error becomes a tool error. */
  async call<N extends ApiName>(name: N, input: ApiInput<N>): Promise<ApiOutput<N>> {
    const response = await dispatch(this.app.handlers, name, input)
    if (!response.ok) throw new Error(response.error.message)
    return response.data as ApiOutput<N>
  }

  /** The registered project at `dir` (default: where the server runs), which must have tracking on. */
  async project(dir: string | undefined): Promise<{ id: number; path: string; name: string }> {
    const wanted = path.resolve(dir ?? this.defaultProjectDir)
    const real = fs.existsSync(wanted) ? fs.realpathSync(wanted) : wanted
    const projects = await this.call('projects-list', {})
    const project = projects.find((p) => p.path === real || real.startsWith(p.path + path.sep))
    if (!project) throw new Error(`${real} is not in a registered project: run "session-buddy projects add ${real}" first`)
    if (!project.track) throw new Error(`tracking is switched off for ${project.path}: switch it on on the Projects page`)
    return { id: project.id, path: project.path, name: project.name }
  }
}
