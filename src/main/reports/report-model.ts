import crypto from 'node:crypto'
import type BetterSqlite3 from 'better-sqlite3'
import { z } from 'zod'
import type { CoverageView, LintRule } from '../../shared/api/coverage'
import type { InsightsView, RecommendationView } from '../../shared/api/insights'
import { adoptReason, adoptTitle } from '../insights/recommendations'
import { readSetting, writeSetting } from '../system/app-settings'
import { all, query } from '../storage/typed-query'

export interface ReportPrivacy {
  includeProjectNames: boolean
  includePaths: boolean
  includePrompts: boolean
}

/** What a report holds: insights with project identities replaced unless the user ticked them in. */
export interface ReportModel {
  title: string
  generatedAt: string
  privacy: ReportPrivacy
  insights: InsightsView
  /** Project folders, only with includePaths. */
  projectPaths: Array<{ project: string; path: string }>
  /** Example requests per skill, only with includePrompts. */
  exampleRequests: Array<{ skill: string; requests: string[] }>
  /** Catalogue health over the included projects: skill names and counts, never file paths. */
  coverage: ReportCoverage | null
}

export interface ReportCoverage {
  skills: number
  neverRan: string[]
  mostlyFail: Array<{ name: string; runs: number; failedOrAbandoned: number }>
  lint: Array<{ rule: LintRule; findings: number }>
  /** Per skill: requests matched, turns it ran in, missed triggers. Counts only, never a prompt. */
  triggers: Array<{ name: string; matched: number; ranInTurn: number; missed: number }>
  overlaps: Array<{ a: string; b: string; mutualRelevance: number }>
}

/** What of the Coverage view a report carries: names and counts; paths stay out whatever is ticked in. */
export function reportCoverage(view: CoverageView): ReportCoverage {
  const lint = new Map<LintRule, number>()
  for (const f of view.lint) lint.set(f.rule, (lint.get(f.rule) ?? 0) + 1)
  return {
    skills: view.skills,
    neverRan: [...new Set(view.neverRan.map((s) => s.name))].sort(),
    mostlyFail: view.mostlyFail.map((s) => ({ name: s.name, runs: s.runs, failedOrAbandoned: s.failedOrAbandoned })),
    lint: [...lint.entries()].map(([rule, findings]) => ({ rule, findings })).sort((a, b) => b.findings - a.findings || a.rule.localeCompare(b.rule)),
    triggers: view.triggers.skills.map((s) => ({ name: s.name, matched: s.matched, ranInTurn: s.ranInTurn, missed: s.missed })),
    overlaps: view.overlaps.map((o) => ({ a: o.a.name, b: o.b.name, mutualRelevance: o.mutualRelevance })),
  }
}

const SALT = 'reports.pseudonymSalt'
const EXAMPLES_PER_SKILL = 3

/**
 * Stable pseudonyms: the same project gets the same alias in every export from this install
 * (HMAC of its folder with a random per-install key), and nobody without the key can map it back.
 */
export function projectAliases(sqlite: BetterSqlite3.Database, projects: Array<{ id: number; path: string }>): Map<number, string> {
  let salt = readSetting(sqlite, SALT, z.string().min(32), '')
  if (!salt) {
    salt = crypto.randomBytes(32).toString('hex')
    writeSetting(sqlite, SALT, salt)
  }
  return new Map(projects.map((p) => [p.id, `project-${crypto.createHmac('sha256', salt).update(p.path).digest('hex').slice(0, 6)}`]))
}

export function buildReportModel(sqlite: BetterSqlite3.Database, insights: InsightsView, privacy: ReportPrivacy, now = new Date(), coverage: CoverageView | null = null): ReportModel {
  const rows = all(sqlite, query.selectFrom('projects').select(['id', 'path', 'name']).where('include_in_insights', '=', 1))
  const aliases = projectAliases(sqlite, rows)
  const label = (id: number) => (privacy.includeProjectNames ? (rows.find((r) => r.id === id)?.name ?? String(id)) : aliases.get(id)!)
  const shown: InsightsView = {
    ...insights,
    projects: insights.projects.map((p) => ({ ...p, name: label(p.id) })),
    recommendations: insights.recommendations.map((r) => relabel(r, label)),
  }
  return {
    title: 'Session Buddy insights',
    generatedAt: now.toISOString(),
    privacy,
    insights: shown,
    projectPaths: privacy.includePaths ? rows.map((r) => ({ project: label(r.id), path: r.path })) : [],
    exampleRequests: privacy.includePrompts ? exampleRequests(sqlite, insights) : [],
    coverage: coverage ? reportCoverage(coverage) : null,
  }
}

/** An 'adopt' recommendation names a project: say it again with the label the report uses. */
function relabel(r: RecommendationView, label: (id: number) => string): RecommendationView {
  if (r.kind !== 'adopt' || r.projectId === undefined) return r
  const name = label(r.projectId)
  const skill = r.skills[0]!
  return {
    ...r,
    title: adoptTitle(skill, name),
    reason: adoptReason({ skill, completed: r.evidence.completed ?? 0, finished: r.evidence.uses ?? 0, projects: r.evidence.projects ?? 0, projectType: r.projectType ?? '', target: name }),
  }
}

function exampleRequests(sqlite: BetterSqlite3.Database, insights: InsightsView): ReportModel['exampleRequests'] {
  const from = insights.window.from ?? '0000-00-00'
  const until = `${insights.window.until}~`
  const requests = (skill: string) =>
    all(
      sqlite,
      query
        .selectFrom('skill_invocations as i')
        .innerJoin('projects as p', (join) => join.onRef('p.id', '=', 'i.project_id').on('p.include_in_insights', '=', 1).on('p.store_prompts', '=', 1))
        .select('i.user_query')
        .distinct()
        .where('i.skill_name', '=', skill)
        .where('i.user_query', 'is not', null)
        .where('i.started_at', '>=', from)
        .where('i.started_at', '<=', until)
        .orderBy('i.started_at', 'desc')
        .limit(EXAMPLES_PER_SKILL),
    ).map((r) => r.user_query!)
  return insights.skills
    .slice(0, 10)
    .map((s) => ({ skill: s.skill, requests: requests(s.skill) }))
    .filter((e) => e.requests.length > 0)
}
