import { z } from 'zod'

/**
 * Which projects and which days a number covers. Every per-skill figure (Skills list, Skill page,
 * Insights, reports, CLI, MCP) is computed for one of these, and each page shows it in its header,
 * so the same scope always gives the same numbers.
 */
export const scopeFields = {
  /** 'included': projects included in cross-project insights (the default); 'all': every registered project. */
  scope: z.enum(['included', 'all']).optional(),
  /** One project only (overrides scope). */
  projectId: z.number().int().positive().optional(),
  days: z.number().int().min(1).max(3650).optional(),
  until: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a day as YYYY-MM-DD').optional(),
}

export type ScopeInput = { scope?: 'included' | 'all'; projectId?: number; days?: number; until?: string }

export interface ScopeView {
  kind: 'included' | 'all' | 'project'
  /** e.g. "3 included projects · last 30 days". */
  label: string
  projectIds: number[]
  from: string | null
  until: string
  days: number | null
}
