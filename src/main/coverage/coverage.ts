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
import { SHOULD_HAVE_RUN_MIN, triggerCoverage } from './missed-triggers'
import { skillOverlaps, type OverlapPair } from './skill-overlaps'
import type { Scope } from '../insights/scope'

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
  const ranInstead = ranForOther(sqlite, scope)
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
  return { scope: scope.view, skills: catalogue.length, neverRan, mostlyFail, lint: lintSkills(files), triggers: triggerCoverage(sqlite, scope), overlaps }
}

/** Overlapping pairs, kept while no catalogued file changed. */
let overlapCache: { stamp: string; pairs: OverlapPair[] } | undefined

function overlapsOf(catalogue: CatalogueSkill[]): OverlapPair[] {
  const live = catalogue.filter((s) => !s.deprecated)
  const stamp = live.map((s) => `${s.path}:${s.contentHash}`).join('\n')
  if (overlapCache?.stamp !== stamp) overlapCache = { stamp, pairs: skillOverlaps(live.map((s) => toSearchable(s.path, s))) }
  return overlapCache.pairs
}

/** "matched\nran" → prompts in the scope that matched one skill best while another one ran in the turn. */
function ranForOther(sqlite: BetterSqlite3.Database, scope: Scope): Map<string, number> {
  const rows = sqlite
    .prepare(
      `select pm.skill_name as matched, i.skill_name as ran, count(distinct pm.prompt_id) as prompts
       from prompt_matches pm
       join skill_invocations i on i.session_id = pm.session_id and i.started_at >= pm.ts
         and i.started_at < coalesce((select min(n.ts) from prompts n where n.session_id = pm.session_id and n.ts > pm.ts and n.from_agent = 0), '9999')
       where pm.strength >= @min and pm.project_id in (select value from json_each(@projects))
         and (@from is null or substr(pm.ts, 1, 10) >= @from) and substr(pm.ts, 1, 10) <= @until
         and i.skill_name != pm.skill_name
       group by pm.skill_name, i.skill_name`,
    )
    .all({ min: SHOULD_HAVE_RUN_MIN, projects: JSON.stringify(scope.projects), from: scope.from, until: scope.until }) as Array<{ matched: string; ran: string; prompts: number }>
  const counts = new Map<string, number>()
  for (const r of rows) {
    const ran = r.ran.includes(':') ? r.ran.slice(r.ran.lastIndexOf(':') + 1) : r.ran
    counts.set(`${r.matched}\n${ran}`, (counts.get(`${r.matched}\n${ran}`) ?? 0) + r.prompts)
  }
  return counts
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
