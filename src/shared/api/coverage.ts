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

export interface CoverageView {
  /** Which projects' runs and which days the run counts cover. */
  scope: ScopeView
  skills: number
  /** Catalogued skills with no run in the scope. */
  neverRan: CatalogueSkillRef[]
  /** Skills that run but end failed or abandoned in most runs with a known outcome. */
  mostlyFail: Array<CatalogueSkillRef & { runs: number; failedOrAbandoned: number }>
  lint: LintFinding[]
}

export const coverageApi = {
  /** Catalogue health: skills that never ran, skills that mostly fail, and description lint. */
  'coverage-get': endpoint<CoverageView>()(
    z.object({ days: z.number().int().min(1).max(3650).optional(), scope: z.enum(['included', 'all']).optional() }).strict(),
  ),
}
