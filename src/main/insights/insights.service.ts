import type BetterSqlite3 from 'better-sqlite3'
import type {
  InsightsProjectView,
  InsightsView,
  SkillEffectivenessView,
  SkillInsightsView,
  SkillPatternView,
  TrendGranularity,
} from '../../shared/api/insights'
import { topCounts } from '../metrics/percentile'
import { refreshInsightSummaries, SEQUENCE_ARROW } from './insight-summaries'
import { bucketStarts } from './insight-window'
import { InsightsRepository, type ScopedWindow, type SequenceRow } from './insights.repository'
import { INSIGHT_RULES } from './insight-rules'
import { recommendations } from './recommendations'
import { resolveScope } from './scope'
import { skillStats } from './skill-stats'
import { all, query } from '../storage/typed-query'

export { INSIGHT_RULES }

const TREND_SERIES = 6

type Window = { days?: number; until?: string; granularity?: TrendGranularity }
type SkillWindow = Window & { skill: string; scope?: 'included' | 'all'; projectId?: number }

/**
 * Cross-project insights over the projects included by their switch, from summary tables that are
 * brought up to date (dirty days only) before each read.
 */
export class InsightsService {
  private readonly repository: InsightsRepository

  constructor(
    private readonly sqlite: BetterSqlite3.Database,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.repository = new InsightsRepository(sqlite)
  }

  refresh() {
    return refreshInsightSummaries(this.sqlite)
  }

  /** The same, a slice at a time with the event loop free in between: for backlogs in long-running hosts. */
  async refreshInBackground(): Promise<void> {
    try {
      while (this.sqlite.open && refreshInsightSummaries(this.sqlite, { maxDays: 200 }).days > 0) await new Promise((resolve) => setImmediate(resolve))
    } catch (error) {
      // Reads refresh again before they query, so a failed background pass loses nothing.
      if (this.sqlite.open) process.stderr.write(`session-buddy: insight summaries not refreshed: ${(error as Error).message}\n`)
    }
  }

  insights(input: Window): InsightsView {
    const started = performance.now()
    this.refresh()
    const window = resolveScope(this.sqlite, { ...input, scope: 'included' }, this.now())
    const projects = this.repository.includedProjects()
    const usage = this.repository.usageByProjectSkill(window)
    const skills = skillStats(this.repository, window, { usage })
    const bySkill = new Map(skills.map((s) => [s.skill, s]))
    const sessionsWithSkills = this.repository.sessionsWithSkills(window)
    const patterns = this.patterns(bySkill, sessionsWithSkills, this.repository.sequences(window, INSIGHT_RULES.patternMinSessions))

    const projectViews: InsightsProjectView[] = projects.map((p) => {
      const rows = usage.filter((u) => u.project_id === p.id).sort((a, b) => b.invocations - a.invocations || a.skill.localeCompare(b.skill))
      const sum = totals(rows)
      return { id: p.id, name: p.name, projectType: p.project_type, invocations: sum.invocations, completionRate: rate(sum.completed, sum), topSkills: rows.slice(0, 5).map((r) => ({ skill: r.skill, invocations: r.invocations })) }
    })

    const types = new Map<string, number[]>()
    for (const p of projects) types.set(p.project_type, (types.get(p.project_type) ?? []).concat(p.id))
    const byProjectType = [...types.entries()]
      .map(([projectType, ids]) => {
        const rows = usage.filter((u) => ids.includes(u.project_id))
        const perSkill = groupSum(rows, (r) => r.skill)
        const sum = totals(rows)
        return {
          projectType,
          projects: ids.length,
          invocations: sum.invocations,
          completed: sum.completed,
          failed: sum.failed,
          abandoned: sum.abandoned,
          completionRate: rate(sum.completed, sum),
          topSkills: [...perSkill.entries()]
            .sort((a, b) => b[1].invocations - a[1].invocations || a[0].localeCompare(b[0]))
            .slice(0, 8)
            .map(([skill, s]) => ({ skill, invocations: s.invocations, completionRate: rate(s.completed, s) })),
        }
      })
      .sort((a, b) => b.invocations - a.invocations || a.projectType.localeCompare(b.projectType))

    const all = totals(usage)
    return {
      scope: window.view,
      window: { from: window.from, until: window.until, days: window.days },
      granularity: window.granularity,
      projects: projectViews,
      excludedProjects: this.repository.excludedProjectCount(),
      totals: { invocations: all.invocations, completed: all.completed, failed: all.failed, abandoned: all.abandoned, unknown: all.unknown, skills: skills.length, sessionsWithSkills },
      skills,
      trend: this.trend(window, skills),
      byProjectType,
      patterns,
      recommendations: recommendations({
        skills,
        patterns,
        failuresAfter: this.repository.failuresAfterSkills(window),
        stepDurations: this.repository.nodeDurations(window),
        projects,
        usage,
      }),
      computedMs: Math.round((performance.now() - started) * 10) / 10,
    }
  }

  skill(input: SkillWindow): SkillInsightsView {
    this.refresh()
    const window = resolveScope(this.sqlite, input, this.now())
    const usage = this.repository.usageByProjectSkill(window, input.skill)
    const [effectiveness] = skillStats(this.repository, window, { skill: input.skill, usage })
    const names = new Map(all(this.sqlite, query.selectFrom('projects').select(['id', 'name'])).map((p) => [p.id, p.name]))
    const trendRows = this.repository.trend(window, input.skill)
    const buckets = bucketStarts(window.from ?? this.repository.firstDay(window) ?? window.until, window.until, window.granularity)
    const counts = new Map(trendRows.map((r) => [r.bucket, r.invocations]))
    const details = this.repository.skillDetails(window, input.skill)
    // Error types and follow-ups from the summaries, as the Skills list counts them.
    const errors = new Map<string, number>()
    const followUps = new Map<string, number>()
    for (const fact of this.repository.skillFacts(window, input.skill)) {
      if (fact.kind === 'error') errors.set(fact.value, fact.n)
      if (fact.kind === 'follow-up') followUps.set(fact.value, fact.n)
    }
    // A pattern's baseline is its last step's completion rate: only those skills' counts are read.
    const sequences = this.repository.sequences(window, INSIGHT_RULES.patternMinSessions, input.skill)
    const lastSteps = [...new Set(sequences.map((row) => row.sequence.split(SEQUENCE_ARROW).at(-1)!))]
    const baselines = new Map(
      this.repository.outcomesBySkill(window, lastSteps).map((o) => {
        const finished = o.completed + o.failed + o.abandoned
        return [o.skill, { completionRate: finished ? o.completed / finished : null }]
      }),
    )
    const patterns = this.patterns(baselines, this.repository.sessionsWithSkills(window), sequences)
    return {
      scope: window.view,
      skill: input.skill,
      effectiveness: effectiveness ?? null,
      trend: { buckets, counts: buckets.map((b) => counts.get(b) ?? 0) },
      projects: usage
        .map((u) => ({ id: u.project_id, name: names.get(u.project_id) ?? String(u.project_id), invocations: u.invocations, completionRate: rate(u.completed, u) }))
        .sort((a, b) => b.invocations - a.invocations),
      errors: topCounts(errors, 10),
      followUps: topCounts(followUps, 10),
      patterns,
      recentSessions: details.recent,
      recentRuns: details.runs,
    }
  }

  private trend(window: ScopedWindow, skills: SkillEffectivenessView[]): InsightsView['trend'] {
    const from = window.from ?? this.repository.firstDay(window)
    if (!from) return { buckets: [], series: [] }
    const buckets = bucketStarts(from, window.until, window.granularity)
    const index = new Map(buckets.map((b, i) => [b, i]))
    const top = new Set(skills.slice(0, TREND_SERIES).map((s) => s.skill))
    const series = new Map<string, number[]>([...top].map((s) => [s, buckets.map(() => 0)]))
    const other = buckets.map(() => 0)
    for (const row of this.repository.trend(window)) {
      const i = index.get(row.bucket)
      if (i === undefined) continue
      const counts = series.get(row.skill) ?? other
      counts[i]! += row.invocations
    }
    const result = [...series.entries()].map(([skill, counts]) => ({ skill, counts }))
    if (other.some((n) => n > 0)) result.push({ skill: 'other skills', counts: other })
    return { buckets, series: result }
  }

  private patterns(bySkill: Map<string, Pick<SkillEffectivenessView, 'completionRate'>>, sessionsWithSkills: number, sequences: SequenceRow[]): SkillPatternView[] {
    return sequences.map((row) => {
      const steps = row.sequence.split(SEQUENCE_ARROW)
      const baselineRate = bySkill.get(steps.at(-1)!)?.completionRate ?? null
      const completionRate = row.completed / row.sessions
      return {
        steps,
        sessions: row.sessions,
        support: sessionsWithSkills ? row.sessions / sessionsWithSkills : 0,
        completed: row.completed,
        completionRate,
        baselineRate,
        lift: baselineRate ? completionRate / baselineRate : null,
        effective: baselineRate !== null && baselineRate > 0 && completionRate / baselineRate > 1 && row.sessions >= INSIGHT_RULES.effectiveMinSessions,
      }
    })
  }
}

interface Sums {
  invocations: number
  completed: number
  failed: number
  abandoned: number
  unknown: number
}

function totals(rows: Sums[]): Sums {
  return rows.reduce(
    (t, r) => ({ invocations: t.invocations + r.invocations, completed: t.completed + r.completed, failed: t.failed + r.failed, abandoned: t.abandoned + r.abandoned, unknown: t.unknown + r.unknown }),
    { invocations: 0, completed: 0, failed: 0, abandoned: 0, unknown: 0 },
  )
}

function groupSum<R extends Sums>(rows: R[], key: (row: R) => string): Map<string, Sums> {
  const groups = new Map<string, Sums>()
  for (const row of rows) {
    const sum = groups.get(key(row)) ?? { invocations: 0, completed: 0, failed: 0, abandoned: 0, unknown: 0 }
    sum.invocations += row.invocations
    sum.unknown += row.unknown
    sum.completed += row.completed
    sum.failed += row.failed
    sum.abandoned += row.abandoned
    groups.set(key(row), sum)
  }
  return groups
}

function rate(completed: number, s: Sums): number | null {
  const finished = s.completed + s.failed + s.abandoned
  return finished ? completed / finished : null
}
