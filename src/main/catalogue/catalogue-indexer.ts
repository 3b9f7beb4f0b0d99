import crypto from 'node:crypto'
import fs from 'node:fs'
import type BetterSqlite3 from 'better-sqlite3'
import { discoverSkillFiles, type CatalogueRoot } from './skill-discovery'
import { parseSkillFile } from './skill-file-parser'
import { all, execute, query } from '../storage/typed-query'

export interface CatalogueIndexResult {
  scanned: number
  /** Files new or changed since the last index (content hash differs). */
  indexed: number
  unchanged: number
  /** Rows whose files are gone. */
  removed: number
  warnings: string[]
}

/**
 * Brings the `skills` table in line with the files under the roots: parses only files whose content
 * hash changed, and drops rows of files that disappeared. Embeddings are keyed by the same hash, so a
 * changed file is re-embedded and an unchanged one is not.
 */
export function indexCatalogue(sqlite: BetterSqlite3.Database, roots: CatalogueRoot[]): CatalogueIndexResult {
  const result: CatalogueIndexResult = { scanned: 0, indexed: 0, unchanged: 0, removed: 0, warnings: [] }
  const known = new Map(all(sqlite, query.selectFrom('skills').select(['path', 'content_hash'])).map((r) => [r.path, r.content_hash]))
  const seen = new Set<string>()
  const now = new Date().toISOString()

  sqlite.transaction(() => {
    for (const root of roots) {
      for (const file of discoverSkillFiles(root)) {
        result.scanned++
        seen.add(file)
        let text: string
        try {
          text = fs.readFileSync(file, 'utf8')
        } catch (error) {
          result.warnings.push(`${file}: cannot read it (${(error as Error).message})`)
          continue
        }
        const hash = crypto.createHash('sha256').update(text).digest('hex')
        if (known.get(file) === hash) {
          result.unchanged++
          continue
        }
        const parsed = parseSkillFile(file, text)
        result.warnings.push(...parsed.warnings)
        const row = {
          project_id: root.projectId,
          path: file,
          name: parsed.name,
          description: parsed.description,
          kind: parsed.kind,
          sections: JSON.stringify(parsed.sections),
          content_hash: hash,
          deprecated: parsed.deprecated ? (1 as const) : (0 as const),
          indexed_at: now,
        }
        const { path: _path, ...changed } = row
        execute(sqlite, query.insertInto('skills').values(row).onConflict((oc) => oc.column('path').doUpdateSet(changed)))
        result.indexed++
      }
    }
    // Every root is scanned each time, so a file not seen is gone (or its root no longer tracked).
    for (const file of known.keys()) {
      if (!seen.has(file)) {
        execute(sqlite, query.deleteFrom('skills').where('path', '=', file))
        result.removed++
      }
    }
  }).immediate()
  return result
}
