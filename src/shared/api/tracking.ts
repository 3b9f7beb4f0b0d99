import { z } from 'zod'
import { endpoint } from './endpoint'

export type InvocationStatus = 'running' | 'completed' | 'failed' | 'abandoned'

export interface CountedValue {
  value: string
  count: number
}

/** How a skill's invocations ended, in a period or overall. */
export interface SkillOutcomeCounts {
  skill: string
  invocations: number
  completed: number
  failed: number
  abandoned: number
  /** Started but not finished yet. */
  running: number
  /** completed / (completed + failed + abandoned); null before any invocation has finished. */
  completionRate: number | null
}

export interface SkillMetricsView extends SkillOutcomeCounts {
  p50DurationMs: number | null
  p95DurationMs: number | null
  commonErrors: CountedValue[]
  followUpActions: CountedValue[]
  workflowPaths: CountedValue[]
  projects: string[]
  firstUsed: string
  lastUsed: string
}

export interface InvocationView {
  id: number
  skill: string
  status: InvocationStatus
  startedAt: string
  endedAt: string | null
  durationMs: number | null
  errorType: string | null
  workflowPath: string | null
  userQuery: string | null
  followUpActions: string[]
  source: string
}

/** What every view of a session starts with. */
export interface SessionHeader {
  id: string
  projectId: number
  projectName: string
  startedAt: string
  endedAt: string | null
  model: string | null
  gitBranch: string | null
}

export interface SessionView extends SessionHeader {
  invocations: InvocationView[]
}

export interface IngestErrorView {
  id: number
  projectId: number
  projectName: string
  file: string
  line: number | null
  reason: string
  excerpt: string | null
  createdAt: string
}

export interface IngestSummaryView {
  files: number
  events: number
  errors: number
  bytes: number
  abandoned: number
}

export interface ImportProblem {
  file: string
  line?: number
  message: string
}

export interface ImportReport {
  source: 'claude-code' | 'legacy'
  dryRun: boolean
  files: number
  bytes: number
  sessions: number
  invocationsFound: number
  invocationsAdded: number
  /** Lines or records passed over, by reason. */
  skipped: Record<string, number>
  problems: ImportProblem[]
  /** Legacy JSON only: per-skill totals recomputed from invocations against the file's own summary. */
  validation: LegacyValidation[]
}

export interface LegacyValidation {
  file: string
  skillsChecked: number
  differences: Array<{ skill: string; field: string; summary: number | string | null; recomputed: number | string | null }>
}

const projectFilter = { projectId: z.number().int().positive().optional() }

export const trackingApi = {
  'skills-metrics': endpoint<SkillMetricsView[]>()(z.object(projectFilter).strict()),
  'sessions-list': endpoint<SessionView[]>()(
    z.object({ ...projectFilter, limit: z.number().int().min(1).max(5000).optional() }).strict(),
  ),
  'ingest-run': endpoint<IngestSummaryView>()(z.object(projectFilter).strict()),
  'ingest-errors': endpoint<IngestErrorView[]>()(
    z.object({ ...projectFilter, limit: z.number().int().min(1).max(1000).optional() }).strict(),
  ),
  'import-run': endpoint<ImportReport>()(
    z
      .object({
        source: z.enum(['claude-code', 'legacy']),
        ...projectFilter,
        dryRun: z.boolean().optional(),
        /** Claude Code only: folders or files to read instead of Claude Code's own transcript folders. */
        from: z.array(z.string().min(1)).max(20).optional(),
      })
      .strict(),
  ),
}
