import crypto from 'node:crypto'
import fs from 'node:fs'
import type BetterSqlite3 from 'better-sqlite3'
import { discoverSkillFiles, type CatalogueRoot } from './skill-discovery'
import { parseSkillFile } from './skill-file-parser'

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
  const known = new Map((sqlite.prepare('select path, content_hash from skills').all() as Array<{ path: string; content_hash: string }>).map((r) => [r.path, r.content_hash]))
  const upsert = sqlite.prepare(`
    insert into skills (project_id, path, name, description, kind, sections, content_hash, deprecated, indexed_at)
    values (@projectId, @path, @name, @description, @kind, @sections, @hash, @deprecated, @now)
    on conflict (path) do update set project_id = excluded.project_id, name = excluded.name, description = excluded.description,
      kind = excluded.kind, sections = excluded.sections, content_hash = excluded.content_hash, deprecated = excluded.deprecated, indexed_at = excluded.indexed_at`)
  const remove = sqlite.prepare('delete from skills where path = ?')
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
        upsert.run({
          projectId: root.projectId,
          path: file,
          name: parsed.name,
          description: parsed.description,
          kind: parsed.kind,
          sections: JSON.stringify(parsed.sections),
          hash,
          deprecated: parsed.deprecated ? 1 : 0,
          now,
        })
        result.indexed++
      }
    }
    // Every root is scanned each time, so a file not seen is gone (or its root no longer tracked).
    for (const file of known.keys()) {
      if (!seen.has(file)) {
        remove.run(file)
        result.removed++
      }
    }
  })()
  return result
}
