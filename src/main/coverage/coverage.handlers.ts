import type BetterSqlite3 from 'better-sqlite3'
import type { DomainHandlers } from '../api/handler-types'
import type { CatalogueService } from '../catalogue/catalogue.service'
import { coverage } from './coverage'
import type { PromptScoring } from './prompt-scoring'

export function createCoverageHandlers(sqlite: BetterSqlite3.Database, catalogue: CatalogueService, promptScoring?: PromptScoring): DomainHandlers<'coverage-get'> {
  return {
    'coverage-get': async (input) => {
      // The catalogue is read when first asked for (the app's search does the same).
      if (!catalogue.lastResult) catalogue.refresh()
      // Prompts ingested a moment ago are scored first, so the counts include them.
      await promptScoring?.drain()
      const skills = catalogue.skills()
      // A project's view holds what Claude Code could load there: its own skills and the user's.
      return coverage(sqlite, input.projectId ? skills.filter((s) => s.projectId === null || s.projectId === input.projectId) : skills, input)
    },
  }
}
