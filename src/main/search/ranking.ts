import type { ScoreBreakdown } from '../../shared/api/search'

export type { ScoreBreakdown }
/** The weights of the design brief: final = (0.6·semantic + 0.3·effectiveness + 0.1·context) × penalties. */
export const WEIGHTS = { semantic: 0.6, effectiveness: 0.3, context: 0.1 } as const

/** Effectiveness of a skill nobody has used yet, and how many uses it takes to move away from it. */
export const EFFECTIVENESS_PRIOR = 0.5
export const EFFECTIVENESS_PRIOR_WEIGHT = 4
/** Older uses count less: a use this old counts half. */
export const RECENCY_HALF_LIFE_DAYS = 30

export const PENALTIES = {
  deprecated: 0.5,
  /** The last three uses all failed. */
  repeatedFailures: 0.8,
  /** More than half of the uses were abandoned (at least three uses). */
  oftenAbandoned: 0.85,
  /** Its latest run in the current session failed or the user's next prompt corrected it: suggest something else first. */
  failedInSession: 0.7,
} as const

export interface SkillUse {
  status: 'running' | 'completed' | 'failed' | 'abandoned' | 'unknown'
  startedAt: string
}

/** Runs whose outcome is known: running and unknown ones say nothing about effectiveness. */
const hasOutcome = (use: SkillUse) => use.status !== 'running' && use.status !== 'unknown'

/**
 * Completion rate, recency-weighted and smoothed toward a neutral prior, so a skill with one lucky use
 * does not outrank one with fifty good ones.
 */
export function effectiveness(
  uses: SkillUse[],
  now = Date.now(),
): { score: number; uses: number; finished: number; completedCount: number; completionRate: number | null } {
  let completed = 0
  let total = 0
  for (const use of uses) {
    if (!hasOutcome(use)) continue
    const ageDays = Math.max(0, (now - Date.parse(use.startedAt)) / 86_400_000)
    const weight = 0.5 ** (ageDays / RECENCY_HALF_LIFE_DAYS)
    total += weight
    if (use.status === 'completed') completed += weight
  }
  return {
    score: (completed + EFFECTIVENESS_PRIOR * EFFECTIVENESS_PRIOR_WEIGHT) / (total + EFFECTIVENESS_PRIOR_WEIGHT),
    uses: uses.length,
    finished: uses.filter(hasOutcome).length,
    completedCount: uses.filter((u) => u.status === 'completed').length,
    completionRate: total > 0 ? completed / total : null,
  }
}

export function penaltiesFor(deprecated: boolean, uses: SkillUse[]): { factor: number; reasons: string[] } {
  const reasons: string[] = []
  let factor = 1
  if (deprecated) {
    factor *= PENALTIES.deprecated
    reasons.push('deprecated')
  }
  const finished = uses.filter(hasOutcome).sort((a, b) => b.startedAt.localeCompare(a.startedAt))
  if (finished.length >= 3 && finished.slice(0, 3).every((u) => u.status === 'failed')) {
    factor *= PENALTIES.repeatedFailures
    reasons.push('failed the last 3 times')
  }
  if (finished.length >= 3 && finished.filter((u) => u.status === 'abandoned').length / finished.length > 0.5) {
    factor *= PENALTIES.oftenAbandoned
    reasons.push('abandoned more often than not')
  }
  return { factor, reasons }
}

export function combine(semantic: number, eff: number, context: number, penalty: { factor: number; reasons: string[] }, explanation: string[]): ScoreBreakdown {
  const final = (WEIGHTS.semantic * semantic + WEIGHTS.effectiveness * eff + WEIGHTS.context * context) * penalty.factor
  return { semantic, effectiveness: eff, context, penalty: penalty.factor, penalties: penalty.reasons, final, explanation }
}
