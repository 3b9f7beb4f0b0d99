import { z } from 'zod'
import { endpoint } from './endpoint'
import type { ScopeView } from './scope'

/** Tokens by kind. Field names follow ccusage's JSON, so scripts written for it read ours. */
export interface TokenTotals {
  inputTokens: number
  outputTokens: number
  cacheCreationTokens: number
  cacheReadTokens: number
  totalTokens: number
}

export interface ModelBreakdown extends Omit<TokenTotals, 'totalTokens'> {
  modelName: string
  /** US dollars from the price table; 0 when the model is unpriced. */
  cost: number
  /** No price is known for this model: its cost is counted as 0, never guessed. */
  unpriced: boolean
}

export interface SessionUsage extends TokenTotals {
  sessionId: string
  projectPath: string
  totalCost: number
  /** The day of the session's last counted reply (UTC). */
  lastActivity: string
  modelsUsed: string[]
  modelBreakdowns: ModelBreakdown[]
  /** Models used in the session with no known price; totalCost leaves them out. */
  unpricedModels: string[]
}

export interface UsageReport {
  sessions: SessionUsage[]
  totals: TokenTotals & { totalCost: number; unpricedModels: string[] }
  /** The price table's date, and whether a prices.json in the data folder changed it. */
  prices: { asOf: string; overridden: boolean }
}

/** What a skill's runs cost: the tokens of replies written while a run was open (its start to its end). */
export interface SkillCostView {
  skill: string
  /** Runs with at least one reply inside their span. */
  runs: number
  tokens: number
  cost: number
  /** cost / runs. */
  costPerRun: number
  unpriced: boolean
}

export interface ProjectCostView {
  projectId: number
  name: string
  sessions: number
  tokens: number
  cost: number
  unpriced: boolean
}

export interface UsageBreakdownView {
  scope: ScopeView
  /** Per UTC day with any tokens, oldest first. */
  days: Array<{ day: string; tokens: number; cost: number; unpriced: boolean }>
  projects: ProjectCostView[]
  skills: SkillCostView[]
  prices: { asOf: string; overridden: boolean }
}

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a day as YYYY-MM-DD')

export const usageApi = {
  /** Tokens and cost per session (newest last activity first), over registered projects. */
  'usage-sessions': endpoint<UsageReport>()(z.object({ projectId: z.number().int().positive().optional(), since: day.optional() }).strict()),
  /** One session's tokens and cost per model. */
  'session-usage': endpoint<SessionUsage | null>()(z.object({ sessionId: z.string().min(1).max(200) }).strict()),
  /** Tokens and cost per project and per skill (inside its runs' spans), in a scope: included projects by default. */
  'usage-breakdown': endpoint<UsageBreakdownView>()(
    z.object({ scope: z.enum(['included', 'all']).optional(), projectId: z.number().int().positive().optional(), days: z.number().int().min(1).max(3650).optional() }).strict(),
  ),
}
