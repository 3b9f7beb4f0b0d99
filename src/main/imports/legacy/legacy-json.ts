import { z } from 'zod'
import type { LegacyValidation } from '../../../shared/api/tracking'
import { jsonErrorLocation, jsonErrorReason } from '../../system/json-error-location'

/** crackerjack's `skill_metrics.json` (see docs/event-format.md, "Legacy files"). */
const legacyInvocation = z.object({
  skill_name: z.string().min(1),
  invoked_at: z.string().min(1),
  workflow_path: z.string().nullish(),
  completed: z.boolean(),
  duration_seconds: z.number().nullish(),
  follow_up_actions: z.array(z.string()).nullish(),
  error_type: z.string().nullish(),
  // Written by session-buddy's own legacy tracker beside the fields above (docs/event-format.md).
  alternatives_considered: z.array(z.string()).nullish(),
  selection_rank: z.number().int().nullish(),
})

const legacySkillSummary = z
  .object({
    total_invocations: z.number(),
    completed_invocations: z.number(),
    abandoned_invocations: z.number().optional(),
    total_duration_seconds: z.number().optional(),
    completion_rate: z.number().optional(),
    avg_duration_seconds: z.number().optional(),
    first_invoked: z.string().nullish(),
    last_invoked: z.string().nullish(),
  })
  .loose()

export const legacyMetricsFile = z
  .object({
    invocations: z.array(legacyInvocation),
    skills: z.record(z.string(), legacySkillSummary).default({}),
    last_updated: z.string().optional(),
  })
  .loose()

export type LegacyInvocation = z.output<typeof legacyInvocation>
export type LegacyMetricsFile = z.output<typeof legacyMetricsFile>

/** Parses the file's text or throws one clear error naming the file, line and column. */
export function parseLegacyMetrics(file: string, text: string): LegacyMetricsFile {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (error) {
    const message = (error as Error).message
    const position = /position (\d+)/.exec(message)?.[1]
    const location = jsonErrorLocation(text)
    const where = location ? `:${location}` : ''
    const truncated = /Unexpected end of JSON input|Unterminated|end of data/i.test(message) || (position !== undefined && Number(position) >= text.trimEnd().length - 1)
    throw new Error(`${file}${where}: ${truncated ? 'the file is truncated (crackerjack rewrites it without a lock); nothing was imported' : `not valid JSON (${jsonErrorReason(error)}); nothing was imported`}`, { cause: error })
  }
  const parsed = legacyMetricsFile.safeParse(json)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!
    throw new Error(`${file}: ${issue.path.join('.') || 'top level'}: ${issue.message}; nothing was imported`)
  }
  return parsed.data
}

/** Per-skill totals recomputed from the invocations, compared with the file's own `skills` block. */
export function validateLegacyMetrics(file: string, data: LegacyMetricsFile): LegacyValidation {
  const differences: LegacyValidation['differences'] = []
  const names = new Set([...Object.keys(data.skills), ...data.invocations.map((i) => i.skill_name)])
  for (const skill of [...names].sort()) {
    const rows = data.invocations.filter((i) => i.skill_name === skill)
    const summary = data.skills[skill]
    const completed = rows.filter((r) => r.completed)
    const totalDuration = completed.reduce((sum, r) => sum + (r.duration_seconds ?? 0), 0)
    const recomputed: Record<string, number | string | null> = {
      total_invocations: rows.length,
      completed_invocations: completed.length,
      abandoned_invocations: rows.length - completed.length,
      total_duration_seconds: round(totalDuration),
      completion_rate: rows.length ? round((completed.length / rows.length) * 100) : 0,
      avg_duration_seconds: completed.length ? round(totalDuration / completed.length) : 0,
      first_invoked: rows.map((r) => r.invoked_at).sort()[0] ?? null,
      last_invoked: rows.map((r) => r.invoked_at).sort().at(-1) ?? null,
    }
    if (!summary) {
      differences.push({ skill, field: 'summary', summary: null, recomputed: `${rows.length} invocations` })
      continue
    }
    for (const [field, value] of Object.entries(recomputed)) {
      const stated = (summary as Record<string, unknown>)[field]
      if (stated === undefined) continue
      const same = typeof value === 'number' && typeof stated === 'number' ? Math.abs(value - stated) < 0.01 : value === (stated ?? null)
      if (!same) differences.push({ skill, field, summary: stated as number | string | null, recomputed: value })
    }
  }
  return { file, skillsChecked: names.size, differences }
}

const round = (n: number) => Math.round(n * 100) / 100

export function legacyStatus(i: LegacyInvocation): 'completed' | 'failed' | 'abandoned' {
  if (i.completed) return 'completed'
  return i.error_type ? 'failed' : 'abandoned'
}
