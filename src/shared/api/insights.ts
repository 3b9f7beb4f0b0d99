import { z } from 'zod'
import type { RecommendationKind } from '../recommendation-labels'
import { endpoint } from './endpoint'
import type { RunEvidence } from './outcomes'
import { scopeFields, type ScopeView } from './scope'
import type { InvocationStatus, SkillOutcomeCounts } from './tracking'

export type TrendGranularity = 'day' | 'week' | 'month'

export interface SkillEffectivenessView extends SkillOutcomeCounts {
  failureRate: number | null
  abandonmentRate: number | null
  /** Over ended runs' spans: exact under 200 samples, else from logarithmic buckets (within ±9.5%). */
  p50Ms: number | null
  p95Ms: number | null
  durationSamples: number
  /** True when p50/p95 come from histogram buckets rather than the exact durations. */
  durationsApproximate: boolean
  projects: number
  /** Fewer than 10 finished uses: rates are shown, but say little. */
  smallSample: boolean
}

export interface SkillPatternView {
  steps: string[]
  /** Sessions in which the steps ran in this order, one right after the other. */
  sessions: number
  /** sessions / sessions that used any skill in the window. */
  support: number
  /** Sessions where the last step completed. */
  completed: number
  completionRate: number
  /** The last step's completion rate over the whole window, used alone or after anything. */
  baselineRate: number | null
  /** completionRate / baselineRate: above 1, the last step goes better after the steps before it. */
  lift: number | null
  /** Lift above 1 over at least INSIGHT_RULES.effectiveMinSessions sessions; other sequences are only common. */
  effective: boolean
}

/**
 * One thing worth changing, in sentence case, with the counts behind it. Findings about a skill
 * (unreliable, slow, followed by failures) and suggestions (a sequence, a skill to try elsewhere)
 * are one list, most pressing first.
 */
export interface RecommendationView {
  kind: RecommendationKind
  /** What to do, as a short sentence. */
  title: string
  /** The evidence in words, with exact counts. */
  reason: string
  /** The counts behind the reason. */
  evidence: Record<string, number>
  skills: string[]
  /** For 'slow-step': the workflow step's name. */
  step?: string
  /** For 'adopt': the included project the suggestion is for, and its type. */
  projectId?: number
  projectType?: string
}


export interface InsightsProjectView {
  id: number
  name: string
  projectType: string
  invocations: number
  completionRate: number | null
  topSkills: Array<{ skill: string; invocations: number }>
}

export interface InsightsView {
  /** Which projects and days every figure here covers. */
  scope: ScopeView
  window: { from: string | null; until: string; days: number | null }
  granularity: TrendGranularity
  projects: InsightsProjectView[]
  /** Registered projects left out of insights by their switch. */
  excludedProjects: number
  totals: { invocations: number; completed: number; failed: number; abandoned: number; unknown: number; skills: number; sessionsWithSkills: number }
  skills: SkillEffectivenessView[]
  trend: { buckets: string[]; series: Array<{ skill: string; counts: number[] }> }
  byProjectType: Array<{ projectType: string; projects: number; invocations: number; completed: number; failed: number; abandoned: number; completionRate: number | null; topSkills: Array<{ skill: string; invocations: number; completionRate: number | null }> }>
  patterns: SkillPatternView[]
  recommendations: RecommendationView[]
  computedMs: number
}

/** One run of a skill with how it ended and how Session Buddy knows. */
export interface SkillRunView {
  id: number
  sessionId: string | null
  projectName: string
  startedAt: string
  status: InvocationStatus
  durationMs: number | null
  /** 'explicit' (the caller said so), 'inferred' (from evidence), null while running or for older rows. */
  outcomeSource: 'explicit' | 'inferred' | null
  evidence: RunEvidence | null
}

export interface SkillInsightsView {
  scope: ScopeView
  skill: string
  effectiveness: SkillEffectivenessView | null
  trend: { buckets: string[]; counts: number[] }
  projects: Array<{ id: number; name: string; invocations: number; completionRate: number | null }>
  errors: Array<{ value: string; count: number }>
  followUps: Array<{ value: string; count: number }>
  patterns: SkillPatternView[]
  /** The sessions that used the skill last, newest first, with when they last did and how their runs of it ended. */
  recentSessions: Array<{ id: string; projectName: string; lastUsedAt: string; status: string }>
  recentRuns: SkillRunView[]
}

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a day as YYYY-MM-DD')
export const insightsWindow = {
  /** The last N days up to `until`; all time when absent. */
  days: z.number().int().min(1).max(3650).optional(),
  /** Last day of the window (UTC), default today. */
  until: day.optional(),
  granularity: z.enum(['day', 'week', 'month']).optional(),
}

export const insightsApi = {
  'insights-get': endpoint<InsightsView>()(z.object(insightsWindow).strict()),
  'skill-insights': endpoint<SkillInsightsView>()(
    z.object({ skill: z.string().min(1).max(300), ...insightsWindow, scope: scopeFields.scope, projectId: scopeFields.projectId }).strict(),
  ),
}

export type ReportFormat = 'md' | 'html' | 'pdf' | 'csv' | 'json'

export const reportOptions = {
  ...insightsWindow,
  /** Real project names instead of stable pseudonyms. */
  includeProjectNames: z.boolean().optional(),
  /** Project folders. */
  includePaths: z.boolean().optional(),
  /** Example requests behind the most used skills (only from projects that allow storing prompts). */
  includePrompts: z.boolean().optional(),
}

export interface ReportFile {
  fileName: string
  mediaType: string
  /** Text, or base64 for binary formats (PDF). */
  content: string
  encoding: 'utf8' | 'base64'
}

export const reportsApi = {
  'insights-report': endpoint<ReportFile>()(z.object({ format: z.enum(['md', 'html', 'pdf', 'csv', 'json']), ...reportOptions }).strict()),
}
