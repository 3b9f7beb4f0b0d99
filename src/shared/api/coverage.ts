import { z } from 'zod'
import { endpoint } from './endpoint'
import type { ScopeView } from './scope'

export type LintRule = 'name-format' | 'description-empty' | 'description-too-long' | 'description-no-when' | 'duplicate-name' | 'front-matter'

/** Something in a skill file that makes Claude Code less likely to pick the skill, with what to do about it. */
export interface LintFinding {
  rule: LintRule
  name: string
  path: string
  message: string
  suggestion: string
}

export interface CatalogueSkillRef {
  name: string
  kind: 'skill' | 'command'
  path: string
  projectName: string | null
}

/** A prompt that matched a skill strongly while no skill ran in its turn. Text only where prompts are stored. */
export interface MissedPrompt {
  sessionId: string
  ts: string
  /** Match strength: unscaled 4-gram cosine of prompt and skill text. */
  strength: number
  prompt: string | null
}

export interface SkillTriggers {
  name: string
  /** Prompts whose best skill was this one, at least as strongly as the threshold. */
  matched: number
  /** ...in whose turn it ran. */
  ranInTurn: number
  /** ...in whose turn another skill ran instead. */
  otherRan: number
  /** ...in whose turn no skill ran: missed triggers. */
  missed: number
  /** The latest missed ones (up to 20). */
  missedPrompts: MissedPrompt[]
}

export interface TriggerView {
  /** Match strength from which a prompt counts as "this skill should have run". */
  threshold: number
  matched: number
  missed: number
  skills: SkillTriggers[]
}

/** Two skills whose descriptions match the same requests. */
export interface SkillOverlap {
  a: CatalogueSkillRef & { description: string }
  b: CatalogueSkillRef & { description: string }
  /** The weaker of the two directions: A's description against B's text, and B's against A's. */
  mutualRelevance: number
  /** Prompts in the scope that matched A best, in whose turn B ran (and the reverse). */
  bRanForA: number
  aRanForB: number
}

export interface CoverageView {
  /** Which projects' runs and which days the run counts cover. */
  scope: ScopeView
  skills: number
  /** Catalogued skills with no run in the scope. */
  neverRan: CatalogueSkillRef[]
  /** Skills that run but end failed or abandoned in most runs with a known outcome. */
  mostlyFail: Array<CatalogueSkillRef & { runs: number; failedOrAbandoned: number }>
  lint: LintFinding[]
  /** Per skill: requests it matched, how often it ran then, and missed triggers. */
  triggers: TriggerView
  overlaps: SkillOverlap[]
}

export const coverageApi = {
  /** Catalogue health: trigger rates and missed triggers, skills that never ran or mostly fail, overlaps, description lint. */
  'coverage-get': endpoint<CoverageView>()(
    z
      .object({
        days: z.number().int().min(1).max(3650).optional(),
        scope: z.enum(['included', 'all']).optional(),
        /** One project: its own skills plus the user's, and its sessions only. */
        projectId: z.number().int().positive().optional(),
      })
      .strict(),
  ),
}
