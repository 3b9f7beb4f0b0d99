/**
 * The numbers that decide a session's pattern. Documented in docs/correlation.md and tested at and
 * around each value (correlator.test.ts).
 */

/** A workflow run that starts within this long after a skill started or ended counts as driven by it. */
export const AUTOMATED_START_WINDOW_MS = 10_000

/** A gap between activities at least this long is a human pause (reading, thinking, typing). */
export const HUMAN_PAUSE_MS = 60_000

/** Automated: at least this share of workflow runs is driven by skills… */
export const AUTOMATED_MIN_LINKED_SHARE = 0.5

/** …and at most this share of the session is idle. */
export const AUTOMATED_MAX_IDLE_SHARE = 0.2

/** Interactive: no more workflow runs than this, with at least one human pause. */
export const INTERACTIVE_MAX_RUNS = 1

/** A failed workflow node within this long after a skill finished is reported as following it. */
export const FAILED_NODE_WINDOW_MS = 10 * 60_000
