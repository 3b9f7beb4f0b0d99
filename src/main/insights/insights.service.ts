import type BetterSqlite3 from 'better-sqlite3'
import type {
  InsightsProjectView,
  InsightsView,
  OpportunityView,
  RecommendationView,
  SkillEffectivenessView,
  SkillInsightsView,
  SkillPatternView,
  TrendGranularity,
} from '../../shared/api/insights'
import { percentile, topCounts } from '../metrics/percentile'
import { formatDuration } from '../../shared/format-duration'
import { refreshInsightSummaries, SEQUENCE_ARROW } from './insight-summaries'
import { bucketStarts } from './insight-window'
import { InsightsRepository, type ScopedWindow, type SequenceRow } from './insights.repository'
import { resolveScope } from './scope'
import { SKILL_STAT_RULES, skillStats } from './skill-stats'
import { all, query } from '../storage/typed-query'

/** Thresholds behind opportunities and recommendations, named so the docs and tests can cite them. */
export const INSIGHT_RULES = {
  /** Below this many finished uses a skill's rates are flagged as a small sample. */
  smallSample: SKILL_STAT_RULES.smallSample,
  /** A pattern needs this many sessions to be listed (as common). */
  patternMinSessions: 3,
  /** A pattern is called effective only with lift above 1 over at least this many sessions. */
  effectiveMinSessions: 5,
  /** Unreliable: at least this many finished uses, failing or abandoned at least this often. */
  unreliableMinUses: 5,
  unreliableRate: 0.3,
  /** Followed by failing workflow nodes at least this often. */
  failuresAfterMin: 3,
  /** Slow: p95 at or above this, with at least this many timed uses. */
  slowP95Ms: 10 * 60_000,
  slowMinSamples: 5,
  /** Recommend a sequence when the last step's completion lift is at least this, over this many sessions. */
  sequenceMinLift: 1.15,
  sequenceMinSessions: 5,
  /** Recommend adopting a skill that completes this often over this many uses in projects of the same type. */
  adoptMinRate: 0.8,
  adoptMinUses: 10,
} as const

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
    const opportunities = this.opportunities(window, skills)
    const bySkillForReasons = bySkill
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
      opportunities,
      recommendations: this.recommendations(patterns, opportunities, skills, projects, usage, bySkillForReasons),
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

  private opportunities(window: ScopedWindow, skills: SkillEffectivenessView[]): OpportunityView[] {
    const result: OpportunityView[] = []
    for (const s of skills) {
      const finished = s.completed + s.failed + s.abandoned
      const bad = s.failed + s.abandoned
      if (finished >= INSIGHT_RULES.unreliableMinUses && bad / finished >= INSIGHT_RULES.unreliableRate) {
        result.push({
          kind: 'unreliable',
          subject: s.skill,
          summary: `${s.skill} failed ${s.failed} and was abandoned ${s.abandoned} times in ${finished} finished uses (${pct(bad / finished)}).`,
          evidence: { finished, failed: s.failed, abandoned: s.abandoned },
        })
      }
      if (s.p95Ms !== null && s.durationSamples >= INSIGHT_RULES.slowMinSamples && s.p95Ms >= INSIGHT_RULES.slowP95Ms) {
        result.push({ kind: 'slow-skill', subject: s.skill, summary: `${s.skill} takes ${formatDuration(s.p95Ms)} at p95 (median ${formatDuration(s.p50Ms)}) over ${s.durationSamples} timed runs.`, evidence: { samples: s.durationSamples, p50Ms: Math.round(s.p50Ms!), p95Ms: Math.round(s.p95Ms) } })
      }
    }
    for (const f of this.repository.failuresAfterSkills(window)) {
      if (f.failures < INSIGHT_RULES.failuresAfterMin) continue
      result.push({ kind: 'followed-by-failures', subject: f.skill, summary: `${f.failures} failing workflow steps in ${f.sessions} sessions came right after ${f.skill}.`, evidence: { failures: f.failures, sessions: f.sessions } })
    }
    const nodes = new Map<string, number[]>()
    for (const n of this.repository.nodeDurations(window)) {
      const list = nodes.get(n.name) ?? []
      list.push(n.duration_ms)
      nodes.set(n.name, list)
    }
    for (const [name, durations] of nodes) {
      const sorted = durations.sort((a, b) => a - b)
      const p95 = percentile(sorted, 95)
      if (sorted.length >= INSIGHT_RULES.slowMinSamples && p95 !== null && p95 >= INSIGHT_RULES.slowP95Ms) {
        result.push({ kind: 'slow-node', subject: name, summary: `Workflow step ${name} takes ${formatDuration(p95)} at p95 over ${sorted.length} runs.`, evidence: { runs: sorted.length, p95Ms: p95 } })
      }
    }
    return result
  }

  private recommendations(
    patterns: SkillPatternView[],
    opportunities: OpportunityView[],
    skills: SkillEffectivenessView[],
    projects: Array<{ id: number; name: string; project_type: string }>,
    usage: ReturnType<InsightsRepository['usageByProjectSkill']>,
    bySkill: Map<string, SkillEffectivenessView>,
  ): RecommendationView[] {
    const result: RecommendationView[] = []
    for (const p of patterns) {
      if (!p.effective || p.sessions < INSIGHT_RULES.sequenceMinSessions || p.lift === null || p.lift < INSIGHT_RULES.sequenceMinLift) continue
      const last = p.steps.at(-1)!
      const before = p.steps.slice(0, -1).join(SEQUENCE_ARROW)
      result.push({
        kind: 'sequence',
        title: `Run ${before} before ${last}`,
        reason: `${last} completed in ${p.completed} of ${p.sessions} sessions right after ${before} (${pct(p.completionRate)}), against ${baselineText(bySkill.get(last))} overall (lift ${p.lift.toFixed(2)}).`,
        evidence: { sessions: p.sessions, completed: p.completed, lift: round2(p.lift) },
        skills: p.steps,
      })
    }
    for (const o of opportunities) {
      if (o.kind === 'unreliable') result.push({ kind: 'review', title: `Review ${o.subject}`, reason: o.summary, evidence: o.evidence, skills: [o.subject] })
      if (o.kind === 'slow-skill') result.push({ kind: 'speed-up', title: `Look at what slows ${o.subject}`, reason: o.summary, evidence: o.evidence, skills: [o.subject] })
    }
    // A skill that works well in projects of one type, unused in another included project of that type.
    const perSkillProject = new Map<string, Map<number, Sums>>()
    for (const u of usage) perSkillProject.set(u.skill, (perSkillProject.get(u.skill) ?? new Map<number, Sums>()).set(u.project_id, u))
    for (const type of new Set(projects.map((p) => p.project_type))) {
      if (type === 'unknown') continue
      const members = projects.filter((p) => p.project_type === type)
      if (members.length < 2) continue
      for (const s of skills) {
        const byProject = perSkillProject.get(s.skill)
        if (!byProject) continue
        for (const target of members) {
          if (byProject.has(target.id)) continue
          const others = members.filter((m) => byProject.has(m.id)).map((m) => byProject.get(m.id)!)
          const sum = totals(others)
          const finished = sum.completed + sum.failed + sum.abandoned
          if (finished < INSIGHT_RULES.adoptMinUses || sum.completed / finished < INSIGHT_RULES.adoptMinRate) continue
          result.push({
            kind: 'adopt',
            title: `Try ${s.skill} in ${target.name}`,
            reason: `${s.skill} completed ${sum.completed} of ${finished} finished uses (${pct(sum.completed / finished)}) in ${others.length} other ${type} projects; ${target.name} has not used it.`,
            evidence: { uses: finished, completed: sum.completed, projects: others.length },
            skills: [s.skill],
            projectId: target.id,
            projectType: type,
          })
        }
      }
    }
    return result.slice(0, 50)
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


const pct = (x: number) => `${Math.round(x * 100)}%`
const round2 = (x: number) => Math.round(x * 100) / 100
const baselineText = (s: SkillEffectivenessView | undefined) => {
  const finished = s ? s.completed + s.failed + s.abandoned : 0
  return s && finished ? `${s.completed} of ${finished} (${pct(s.completed / finished)})` : 'no finished uses'
}
