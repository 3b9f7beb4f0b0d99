import { SKILL_STAT_RULES } from './skill-stats'

/** Thresholds behind patterns and recommendations, named so the docs and tests can cite them. */
export const INSIGHT_RULES = {
  /** Below this many finished uses a skill's rates are flagged as a small sample. */
  smallSample: SKILL_STAT_RULES.smallSample,
  /** A pattern needs this many sessions to be listed (as common). */
  patternMinSessions: 3,
  /** A pattern is called effective only with lift above 1 over at least this many sessions. */
  effectiveMinSessions: 5,
  /** Unreliable: at least this many finished uses, failing or abandoned at least this often. */
  unreliableMinUses: 5,
  unreliableRate: 0.3,
  /** Followed by failing workflow nodes at least this often. */
  failuresAfterMin: 3,
  /** Slow: p95 at or above this, with at least this many timed uses. */
  slowP95Ms: 10 * 60_000,
  slowMinSamples: 5,
  /** Recommend a sequence when the last step's completion lift is at least this, over this many sessions. */
  sequenceMinLift: 1.15,
  sequenceMinSessions: 5,
  /** Recommend adopting a skill that completes this often over this many uses in projects of the same type. */
  adoptMinRate: 0.8,
  adoptMinUses: 10,
  /** The list stops here: past it, the evidence is thin and the list stops being read. */
  maxRecommendations: 50,
} as const
