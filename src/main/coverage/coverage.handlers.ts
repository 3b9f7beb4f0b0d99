import type BetterSqlite3 from 'better-sqlite3'
import type { DomainHandlers } from '../api/handler-types'
import type { CatalogueService } from '../catalogue/catalogue.service'
import { coverage } from './coverage'

export function createCoverageHandlers(sqlite: BetterSqlite3.Database, catalogue: CatalogueService): DomainHandlers<'coverage-get'> {
  return {
    'coverage-get': async (input) => {
      // The catalogue is read when first asked for (the app's search does the same).
      if (!catalogue.lastResult) catalogue.refresh()
      return coverage(sqlite, catalogue.skills(), input)
    },
  }
}
