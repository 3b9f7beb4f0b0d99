import type { SkillEffectivenessView } from '../../shared/api/insights'
import { percentile } from '../metrics/percentile'
import { bucketMidpointMs } from './insight-summaries'
import type { InsightsRepository, ScopedWindow } from './insights.repository'

/** Rules behind per-skill figures, named so docs/insights.md and docs/outcomes.md can cite them. */
export const SKILL_STAT_RULES = {
  /** Below this many finished uses a skill's rates are flagged as a small sample. */
  smallSample: 10,
  /** Under this many timed runs, p50/p95 are exact (nearest rank over the raw durations); at or above, from histograms (±9.5%). */
  exactPercentilesBelow: 200,
} as const

export type UsageRow = ReturnType<InsightsRepository['usageByProjectSkill']>[number]

/**
 * Per-skill outcome counts, rates and durations for one scope: the single computation behind the
 * Skills list, the Skill page, Insights, reports, the CLI and MCP. Rates are over runs whose outcome
 * is known (completed + failed + abandoned); 'unknown' and 'running' are counted apart. Durations are
 * the spans of ended runs; a run that has not ended has none. `durations: false` leaves them out, for
 * callers that need only the counts (a pattern's baseline); `usage` passes rows a caller already read.
 */
export function skillStats(
  repository: InsightsRepository,
  scope: ScopedWindow,
  options: { skill?: string; durations?: boolean; usage?: UsageRow[] } = {},
): SkillEffectivenessView[] {
  const skill = options.skill
  const usage = options.usage ?? repository.usageByProjectSkill(scope, skill)
  const bySkill = new Map<string, { invocations: number; completed: number; failed: number; abandoned: number; unknown: number; projects: Set<number> }>()
  for (const u of usage) {
    const s = bySkill.get(u.skill) ?? { invocations: 0, completed: 0, failed: 0, abandoned: 0, unknown: 0, projects: new Set<number>() }
    s.invocations += u.invocations
    s.completed += u.completed
    s.failed += u.failed
    s.abandoned += u.abandoned
    s.unknown += u.unknown
    s.projects.add(u.project_id)
    bySkill.set(u.skill, s)
  }
  const histograms = new Map<string, Array<{ bucket: number; n: number }>>()
  for (const d of options.durations === false ? [] : repository.durationBuckets(scope, skill)) {
    const list = histograms.get(d.skill)
    if (list) list.push(d)
    else histograms.set(d.skill, [d])
  }
  const samplesOf = (name: string) => (histograms.get(name) ?? []).reduce((n, b) => n + b.n, 0)
  const small = [...bySkill.keys()].filter((name) => samplesOf(name) > 0 && samplesOf(name) < SKILL_STAT_RULES.exactPercentilesBelow)
  const exact = new Map<string, number[]>()
  for (const row of repository.exactDurations(scope, small)) {
    const list = exact.get(row.skill)
    if (list) list.push(row.duration_ms)
    else exact.set(row.skill, [row.duration_ms])
  }

  return [...bySkill.entries()]
    .map(([name, s]): SkillEffectivenessView => {
      const finished = s.completed + s.failed + s.abandoned
      const values = exact.get(name)?.sort((a, b) => a - b)
      const hist = (histograms.get(name) ?? []).sort((a, b) => a.bucket - b.bucket)
      const samples = values ? values.length : samplesOf(name)
      return {
        skill: name,
        invocations: s.invocations,
        completed: s.completed,
        failed: s.failed,
        abandoned: s.abandoned,
        unknown: s.unknown,
        running: s.invocations - finished - s.unknown,
        completionRate: finished ? s.completed / finished : null,
        failureRate: finished ? s.failed / finished : null,
        abandonmentRate: finished ? s.abandoned / finished : null,
        p50Ms: values ? percentile(values, 50) : histogramPercentile(hist, samples, 50),
        p95Ms: values ? percentile(values, 95) : histogramPercentile(hist, samples, 95),
        durationSamples: samples,
        durationsApproximate: !values && samples > 0,
        projects: s.projects.size,
        smallSample: finished < SKILL_STAT_RULES.smallSample,
      }
    })
    .sort((a, b) => b.invocations - a.invocations || a.skill.localeCompare(b.skill))
}

/** The p-th percentile of a bucketed distribution: the midpoint of the bucket holding the rank. */
export function histogramPercentile(buckets: Array<{ bucket: number; n: number }>, samples: number, p: number): number | null {
  if (samples === 0) return null
  const rank = Math.max(1, Math.ceil((p / 100) * samples))
  let seen = 0
  for (const b of buckets) {
    seen += b.n
    if (seen >= rank) return bucketMidpointMs(b.bucket)
  }
  return bucketMidpointMs(buckets.at(-1)!.bucket)
}
