import fs from 'node:fs'
import type BetterSqlite3 from 'better-sqlite3'
import type { CatalogueSkillRef, CoverageView } from '../../shared/api/coverage'
import type { ScopeInput } from '../../shared/api/scope'
import type { CatalogueSkill } from '../catalogue/catalogue.service'
import { parseSkillFile } from '../catalogue/skill-file-parser'
import { refreshInsightSummaries } from '../insights/insight-summaries'
import { InsightsRepository } from '../insights/insights.repository'
import { resolveScope } from '../insights/scope'
import { skillStats } from '../insights/skill-stats'
import { toSearchable } from '../search/searchable-skill'
import { lintSkills, type LintInput } from './skill-lint'
import { triggerCoverage } from './missed-triggers'
import { skillOverlaps, type OverlapPair } from './skill-overlaps'

/** Runs with a known outcome before a skill can be called mostly failing, and the share that makes it so. */
export const COVERAGE_RULES = { mostlyFailMinRuns: 5, mostlyFailShare: 0.8 }

/**
 * Catalogue health: which catalogued skills never ran in the scope, which run but mostly fail or are
 * abandoned (from the same per-skill counts as every other page), and what in their files makes
 * Claude Code less likely to choose them.
 */
export function coverage(sqlite: BetterSqlite3.Database, catalogue: CatalogueSkill[], input: ScopeInput = {}): CoverageView {
  refreshInsightSummaries(sqlite)
  const scope = resolveScope(sqlite, { scope: 'all', ...input })
  const repository = new InsightsRepository(sqlite)
  const stats = new Map(skillStats(repository, scope, { usage: repository.usageByProjectSkill(scope) }).map((s) => [s.skill, s]))
  const ref = (s: CatalogueSkill): CatalogueSkillRef => ({ name: s.name, kind: s.kind, path: s.path, projectName: s.projectName })
  const neverRan = catalogue.filter((s) => !s.deprecated && !stats.has(s.name)).map(ref)
  const mostlyFail = catalogue.flatMap((s) => {
    const run = stats.get(s.name)
    if (!run) return []
    const known = run.completed + run.failed + run.abandoned
    const bad = run.failed + run.abandoned
    return known >= COVERAGE_RULES.mostlyFailMinRuns && bad / known >= COVERAGE_RULES.mostlyFailShare ? [{ ...ref(s), runs: known, failedOrAbandoned: bad }] : []
  })
  const files = catalogue.flatMap((s) => {
    const input = lintInput(s)
    return input ? [input] : []
  })
  const catalogued = new Set(catalogue.map((s) => s.path))
  for (const path of readFiles.keys()) if (!catalogued.has(path)) readFiles.delete(path)
  const byPath = new Map(catalogue.map((s) => [s.path, s]))
  const triggers = triggerCoverage(sqlite, scope)
  const ranInstead = triggers.ranInstead
  const overlaps = overlapsOf(catalogue).map(({ a, b, mutualRelevance }) => {
    const skillA = byPath.get(a)!
    const skillB = byPath.get(b)!
    return {
      a: { ...ref(skillA), description: skillA.description },
      b: { ...ref(skillB), description: skillB.description },
      mutualRelevance,
      bRanForA: ranInstead.get(`${skillA.name}\n${skillB.name}`) ?? 0,
      aRanForB: ranInstead.get(`${skillB.name}\n${skillA.name}`) ?? 0,
    }
  })
  return { scope: scope.view, skills: catalogue.length, neverRan, mostlyFail, lint: lintSkills(files), triggers: triggers.view, overlaps }
}

/** Overlapping pairs, kept while no catalogued file changed. */
let overlapCache: { stamp: string; pairs: OverlapPair[] } | undefined

function overlapsOf(catalogue: CatalogueSkill[]): OverlapPair[] {
  const live = catalogue.filter((s) => !s.deprecated)
  const stamp = live.map((s) => `${s.path}:${s.contentHash}`).join('\n')
  if (overlapCache?.stamp !== stamp) overlapCache = { stamp, pairs: skillOverlaps(live.map((s) => toSearchable(s.path, s))) }
  return overlapCache.pairs
}

/** Files as lint reads them, kept while the catalogue's content hash says they have not changed. */
const readFiles = new Map<string, { hash: string; input: LintInput }>()

function lintInput(skill: CatalogueSkill): LintInput | null {
  const kept = readFiles.get(skill.path)
  if (kept?.hash === skill.contentHash) return kept.input
  try {
    const text = fs.readFileSync(skill.path, 'utf8')
    const input = { path: skill.path, kind: skill.kind, text, parsed: parseSkillFile(skill.path, text) }
    readFiles.set(skill.path, { hash: skill.contentHash, input })
    return input
  } catch {
    return null // removed since it was catalogued; the watcher drops it
  }
}
