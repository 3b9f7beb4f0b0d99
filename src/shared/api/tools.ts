import { z } from 'zod'
import { endpoint } from './endpoint'
import type { ScopeView } from './scope'

/** One tool call from a transcript: its name and how it ended, never its input or output. */
export interface ToolCallView {
  id: string
  name: string
  startedAt: string
  /** From the call to its result; null while no result was read. */
  durationMs: number | null
  status: 'pending' | 'ok' | 'error'
}

/** Calls of one tool: how many, how many failed, how long their results took. */
export interface ToolStatView {
  tool: string
  calls: number
  errors: number
  /** errors / calls with a result; null before any result. */
  errorRate: number | null
  p50Ms: number | null
  p95Ms: number | null
}

export interface ToolErrorView {
  toolUseId: string
  sessionId: string
  projectName: string
  startedAt: string
}

const days = z.number().int().min(1).max(3650).optional()

export const toolsApi = {
  /** A session's tool calls in order, and per tool: calls, errors, p50 and p95. */
  'session-tools': endpoint<{ calls: ToolCallView[]; stats: ToolStatView[] }>()(z.object({ sessionId: z.string().min(1).max(200) }).strict()),
  /** Per tool over the projects included in insights, in the window. */
  'tools-insights': endpoint<{ scope: ScopeView; tools: ToolStatView[] }>()(z.object({ days }).strict()),
  /** A tool's latest failed calls (50 at most) over the included projects, each with the session to open at it. */
  'tool-errors': endpoint<ToolErrorView[]>()(z.object({ tool: z.string().min(1).max(200), days }).strict()),
}
