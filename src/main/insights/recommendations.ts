import type { RecommendationView, SkillEffectivenessView, SkillPatternView } from '../../shared/api/insights'
import type { RecommendationKind } from '../../shared/recommendation-labels'
import { formatDuration } from '../../shared/format-duration'
import { plural } from '../../shared/plural'
import { percentile } from '../metrics/percentile'
import { SEQUENCE_ARROW } from './insight-summaries'
import { INSIGHT_RULES } from './insight-rules'

/** Usage sums of one skill in one project, as the summaries give them. */
export interface ProjectSkillUsage {
  project_id: number
  skill: string
  completed: number
  failed: number
  abandoned: number
}

export interface RecommendationInputs {
  skills: SkillEffectivenessView[]
  patterns: SkillPatternView[]
  /** Failing workflow steps, each counted against the skill started last before it in its session. */
  failuresAfter: Array<{ skill: string; failures: number; sessions: number }>
  stepDurations: Array<{ name: string; duration_ms: number }>
  projects: Array<{ id: number; name: string; project_type: string }>
  usage: ProjectSkillUsage[]
}

/** Most pressing first: what goes wrong, then what would help, then what is only slow. */
const ORDER: RecommendationKind[] = ['review', 'check-after', 'sequence', 'adopt', 'speed-up', 'slow-step']

/** One list of what to change, each item with the counts it rests on (docs/insights.md). */
export function recommendations(input: RecommendationInputs): RecommendationView[] {
  const bySkill = new Map(input.skills.map((s) => [s.skill, s]))
  const found = [...skillFindings(input.skills), ...checkAfter(input.failuresAfter), ...sequences(input.patterns, bySkill), ...adoptions(input), ...slowSteps(input.stepDurations)]
  return found.sort((a, b) => ORDER.indexOf(a.kind) - ORDER.indexOf(b.kind)).slice(0, INSIGHT_RULES.maxRecommendations)
}

function skillFindings(skills: SkillEffectivenessView[]): RecommendationView[] {
  const result: RecommendationView[] = []
  for (const s of skills) {
    const finished = s.completed + s.failed + s.abandoned
    const bad = s.failed + s.abandoned
    if (finished >= INSIGHT_RULES.unreliableMinUses && bad / finished >= INSIGHT_RULES.unreliableRate) {
      result.push({
        kind: 'review',
        title: `Review ${s.skill}: it fails or is abandoned in ${pct(bad / finished)} of its runs`,
        reason: `${outcomeCounts(s.failed, s.abandoned)} in ${plural(finished, 'run')} with a known outcome.`,
        evidence: { finished, failed: s.failed, abandoned: s.abandoned },
        skills: [s.skill],
      })
    }
    if (s.p95Ms !== null && s.durationSamples >= INSIGHT_RULES.slowMinSamples && s.p95Ms >= INSIGHT_RULES.slowP95Ms) {
      result.push({
        kind: 'speed-up',
        title: `Look at what slows ${s.skill}`,
        reason: `Its slowest runs take ${formatDuration(s.p95Ms)} (p95; median ${formatDuration(s.p50Ms)}) over ${plural(s.durationSamples, 'timed run')}.`,
        evidence: { samples: s.durationSamples, p50Ms: Math.round(s.p50Ms!), p95Ms: Math.round(s.p95Ms) },
        skills: [s.skill],
      })
    }
  }
  return result
}

function checkAfter(rows: RecommendationInputs['failuresAfter']): RecommendationView[] {
  return rows
    .filter((f) => f.failures >= INSIGHT_RULES.failuresAfterMin)
    .sort((a, b) => b.failures - a.failures || a.skill.localeCompare(b.skill))
    .map((f) => ({
      kind: 'check-after',
      title: `Check the work ${f.skill} leaves: workflow steps fail right after it`,
      reason: `${plural(f.failures, 'failing workflow step')} in ${plural(f.sessions, 'session')} came right after ${f.skill}.`,
      evidence: { failures: f.failures, sessions: f.sessions },
      skills: [f.skill],
    }))
}

function sequences(patterns: SkillPatternView[], bySkill: Map<string, SkillEffectivenessView>): RecommendationView[] {
  return patterns
    .filter((p) => p.effective && p.sessions >= INSIGHT_RULES.sequenceMinSessions && p.lift !== null && p.lift >= INSIGHT_RULES.sequenceMinLift)
    .map((p) => {
      const last = p.steps.at(-1)!
      const before = p.steps.slice(0, -1).join(SEQUENCE_ARROW)
      return {
        kind: 'sequence',
        title: `Run ${before} before ${last}`,
        reason: `${last} completed in ${p.completed} of ${plural(p.sessions, 'session')} right after ${before} (${pct(p.completionRate)}), against ${baselineText(bySkill.get(last))} overall (lift ${p.lift!.toFixed(2)}).`,
        evidence: { sessions: p.sessions, completed: p.completed, lift: round2(p.lift!) },
        skills: p.steps,
      }
    })
}

/** A skill that works well in projects of one type, unused in another included project of that type. */
function adoptions({ skills, projects, usage }: RecommendationInputs): RecommendationView[] {
  const result: RecommendationView[] = []
  const perSkillProject = new Map<string, Map<number, ProjectSkillUsage>>()
  for (const u of usage) perSkillProject.set(u.skill, (perSkillProject.get(u.skill) ?? new Map<number, ProjectSkillUsage>()).set(u.project_id, u))
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
        const completed = others.reduce((n, o) => n + o.completed, 0)
        const finished = others.reduce((n, o) => n + o.completed + o.failed + o.abandoned, 0)
        if (finished < INSIGHT_RULES.adoptMinUses || completed / finished < INSIGHT_RULES.adoptMinRate) continue
        result.push({
          kind: 'adopt',
          title: adoptTitle(s.skill, target.name),
          reason: adoptReason({ skill: s.skill, completed, finished, projects: others.length, projectType: type, target: target.name }),
          evidence: { uses: finished, completed, projects: others.length },
          skills: [s.skill],
          projectId: target.id,
          projectType: type,
        })
      }
    }
  }
  return result
}

/** An 'adopt' recommendation names a project; reports say it again with their own label for it. */
export const adoptTitle = (skill: string, target: string) => `Try ${skill} in ${target}`

export function adoptReason(r: { skill: string; completed: number; finished: number; projects: number; projectType: string; target: string }): string {
  return `${r.skill} completed ${r.completed} of ${plural(r.finished, 'run')} with a known outcome (${pct(r.finished ? r.completed / r.finished : 0)}) in ${plural(r.projects, `other ${r.projectType} project`)}; ${r.target} has not used it.`
}

function slowSteps(rows: RecommendationInputs['stepDurations']): RecommendationView[] {
  const byName = new Map<string, number[]>()
  for (const n of rows) {
    const list = byName.get(n.name) ?? []
    list.push(n.duration_ms)
    byName.set(n.name, list)
  }
  const result: RecommendationView[] = []
  for (const [name, durations] of byName) {
    const sorted = durations.sort((a, b) => a - b)
    const p95 = percentile(sorted, 95)
    if (sorted.length < INSIGHT_RULES.slowMinSamples || p95 === null || p95 < INSIGHT_RULES.slowP95Ms) continue
    result.push({
      kind: 'slow-step',
      title: `Speed up the workflow step ${name}`,
      reason: `Its slowest runs take ${formatDuration(p95)} (p95) over ${plural(sorted.length, 'run')}.`,
      evidence: { runs: sorted.length, p95Ms: p95 },
      skills: [],
      step: name,
    })
  }
  return result
}

function outcomeCounts(failed: number, abandoned: number): string {
  const parts = [failed ? `Failed ${plural(failed, 'time')}` : '', abandoned ? `${failed ? 'abandoned' : 'Abandoned'} ${plural(abandoned, 'time')}` : ''].filter(Boolean)
  return parts.join(' and ')
}

const pct = (x: number) => `${Math.round(x * 100)}%`
const round2 = (x: number) => Math.round(x * 100) / 100
const baselineText = (s: SkillEffectivenessView | undefined) => {
  const finished = s ? s.completed + s.failed + s.abandoned : 0
  return s && finished ? `${s.completed} of ${finished} (${pct(s.completed / finished)})` : 'no runs with a known outcome'
}
