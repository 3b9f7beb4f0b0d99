import type { FollowThrough, SkillFollowThrough } from './recommendations'
import { z } from 'zod'
import { endpoint } from './endpoint'
import type { RunEvidence } from './outcomes'
import { scopeFields, type ScopeView } from './scope'

export type InvocationStatus = 'running' | 'completed' | 'failed' | 'abandoned' | 'unknown'

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
  /** Ended, but with too little evidence to say how (docs/outcomes.md). */
  unknown: number
  /** Started and not ended yet. */
  running: number
  /** completed / (completed + failed + abandoned): over runs whose outcome is known; null before any. */
  completionRate: number | null
}

export interface SkillMetricsView extends SkillOutcomeCounts {
  /** Over ended runs' spans: exact under 200 samples, else from histogram buckets (within ±9.5%). */
  p50DurationMs: number | null
  p95DurationMs: number | null
  durationSamples: number
  durationsApproximate: boolean
  commonErrors: CountedValue[]
  followUpActions: CountedValue[]
  workflowPaths: CountedValue[]
  projects: string[]
  firstUsed: string
  lastUsed: string
  /** How its recommendations fared in real use (search, CLI, MCP, legacy), over the same days; null when never recommended or run after one. */
  followThrough: SkillFollowThrough | null
}

export interface SkillMetricsList {
  /** Which projects and days the figures cover. */
  scope: ScopeView
  skills: SkillMetricsView[]
  /** Follow-through of every recommendation made for these projects (or none) in these days. */
  recommendations: FollowThrough & { windowMinutes: number }
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
  /** 'explicit' (the caller said so), 'inferred' (from evidence), null while running or for older rows. */
  outcomeSource: 'explicit' | 'inferred' | null
  evidence: RunEvidence | null
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
  /** Made up by an importer (legacy rows without session ids): not a real session, so no order or correlation is read from it. */
  synthetic: boolean
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
  /** Lines or records passed over, by reason (said in plain words by `describeSkipped`). */
  skipped: Record<string, number>
  /** Claude Code only: the folders (up to 20, busiest first) of lines that belong to no registered project. */
  outsideFolders?: Array<{ folder: string; lines: number }>
  problems: ImportProblem[]
  /** Legacy JSON only: per-skill totals recomputed from invocations against the file's own summary. */
  validation: LegacyValidation[]
}

/** What `rebuild` re-derived: every run whose event log or transcript is still on disk. */
export interface RebuildReport {
  eventFiles: number
  transcriptFiles: number
  /** Runs whose outcome the current derivation now says. */
  rederived: number
  /** Runs left as an older derivation wrote them: their event log or transcript is gone. */
  olderDerivation: number
  ms: number
}

export interface LegacyValidation {
  file: string
  skillsChecked: number
  differences: Array<{ skill: string; field: string; summary: number | string | null; recomputed: number | string | null }>
}

const projectFilter = { projectId: z.number().int().positive().optional() }

export const trackingApi = {
  'skills-metrics': endpoint<SkillMetricsList>()(z.object({ ...projectFilter, scope: scopeFields.scope, days: scopeFields.days, until: scopeFields.until }).strict()),
  'sessions-list': endpoint<SessionView[]>()(
    z.object({ ...projectFilter, limit: z.number().int().min(1).max(5000).optional() }).strict(),
  ),
  'ingest-run': endpoint<IngestSummaryView>()(z.object(projectFilter).strict()),
  'ingest-errors': endpoint<IngestErrorView[]>()(
    z.object({ ...projectFilter, limit: z.number().int().min(1).max(1000).optional() }).strict(),
  ),
  /** Re-derives every derived row from the event logs and transcripts still on disk (progress as task "rebuild"). */
  'outcomes-rebuild': endpoint<RebuildReport>()(z.object({}).strict()),
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
