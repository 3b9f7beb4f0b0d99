import type BetterSqlite3 from 'better-sqlite3'
import type { FollowThrough, RecommendationMetricsView, RecommendationSource, SkillFollowThrough } from '../../shared/api/recommendations'
import { insightWindow } from '../insights/insight-window'
import { FOLLOW_WINDOW_MS, RecommendationLog, type ShownSkill } from './recommendation-log'

interface Row {
  source: RecommendationSource
  shown: string
  resolved: number
  run_skill: string | null
  run_rank: number | null
  run_status: string | null
  helpful: number
  unhelpful: number
}

const emptyFollowThrough = (): FollowThrough => ({
  recommendations: 0,
  settled: 0,
  followed: 0,
  acceptedAtRank1: 0,
  acceptedInTop3: 0,
  ranNotShown: 0,
  noRun: 0,
  followedWithOutcome: 0,
  followedCompleted: 0,
  helpful: 0,
  unhelpful: 0,
})

/**
 * Follow-through of recommendations made in the window (by when they were made): overall, by source
 * and by skill. Open recommendations are settled first. Whether a followed run completed is read from
 * the run as it stands now (its outcome may come after the link).
 */
export function recommendationMetrics(
  sqlite: BetterSqlite3.Database,
  input: { days?: number; until?: string; source?: RecommendationSource; /** Recommendations made for these projects, or for none. */ projectIds?: number[] },
  now = new Date(),
): RecommendationMetricsView {
  new RecommendationLog(sqlite).settle(now)
  const projects = input.projectIds ? JSON.stringify(input.projectIds) : null
  // The same days as every other page: the last N UTC days up to `until` (today by default).
  const window = insightWindow(input, now)
  const days = { from: window.from ?? '', until: window.until }
  const rows = sqlite
    .prepare(
      `select r.source, r.shown, r.resolved, r.run_skill, r.run_rank, i.status as run_status,
         (select count(*) from recommendation_feedback f where f.recommendation_id = r.id and f.helpful = 1) as helpful,
         (select count(*) from recommendation_feedback f where f.recommendation_id = r.id and f.helpful = 0) as unhelpful
       from recommendations r left join skill_invocations i on i.id = r.run_id
       where substr(r.created_at, 1, 10) between @from and @until and (@source is null or r.source = @source)
         and (@projects is null or r.project_id is null or r.project_id in (select value from json_each(@projects)))`,
    )
    .all({ ...days, source: input.source ?? null, projects }) as Row[]
  const overall = emptyFollowThrough()
  const bySource = new Map<RecommendationSource, FollowThrough>()
  for (const row of rows) {
    let source = bySource.get(row.source)
    if (!source) bySource.set(row.source, (source = emptyFollowThrough()))
    for (const counts of [overall, source]) add(counts, row)
  }
  return {
    days: input.days ?? null,
    windowMinutes: FOLLOW_WINDOW_MS / 60_000,
    overall,
    bySource: [...bySource.entries()].map(([source, counts]) => ({ source, ...counts })).sort((a, b) => b.recommendations - a.recommendations),
    bySkill: perSkill(sqlite, rows, { ...days, source: input.source ?? null, projects }),
  }
}

function add(counts: FollowThrough, row: Row): void {
  counts.recommendations++
  counts.helpful += row.helpful
  counts.unhelpful += row.unhelpful
  if (!row.resolved) return
  counts.settled++
  if (row.run_skill === null) counts.noRun++
  else if (row.run_rank === null) counts.ranNotShown++
  else {
    counts.followed++
    if (row.run_rank === 1) counts.acceptedAtRank1++
    if (row.run_rank <= 3) counts.acceptedInTop3++
    if (row.run_status === 'completed' || row.run_status === 'failed' || row.run_status === 'abandoned') {
      counts.followedWithOutcome++
      if (row.run_status === 'completed') counts.followedCompleted++
    }
  }
}

function perSkill(sqlite: BetterSqlite3.Database, rows: Row[], filter: { from: string; until: string; source: string | null; projects: string | null }): SkillFollowThrough[] {
  const skills = new Map<string, SkillFollowThrough>()
  const of = (skill: string) => {
    let s = skills.get(skill)
    if (!s) skills.set(skill, (s = { skill, shownFirst: 0, ranWhenShown: 0, completedWhenShown: 0, acceptedAtRank1: 0, ranNotShown: 0, helpful: 0, unhelpful: 0 }))
    return s
  }
  for (const row of rows) {
    const shown = JSON.parse(row.shown) as ShownSkill[]
    if (shown[0]) of(shown[0].skill).shownFirst++
    if (!row.resolved || row.run_skill === null) continue
    if (row.run_rank === null) {
      of(row.run_skill).ranNotShown++
      continue
    }
    const skill = of(shown[row.run_rank - 1]!.skill)
    skill.ranWhenShown++
    if (row.run_status === 'completed') skill.completedWhenShown++
    if (row.run_rank === 1) skill.acceptedAtRank1++
  }
  const votes = sqlite
    .prepare(
      `select f.skill, sum(f.helpful) as helpful, sum(1 - f.helpful) as unhelpful from recommendation_feedback f
       join recommendations r on r.id = f.recommendation_id
       where substr(r.created_at, 1, 10) between @from and @until and (@source is null or r.source = @source)
         and (@projects is null or r.project_id is null or r.project_id in (select value from json_each(@projects)))
       group by f.skill`,
    )
    .all(filter) as Array<{ skill: string; helpful: number; unhelpful: number }>
  for (const v of votes) Object.assign(of(v.skill), { helpful: v.helpful, unhelpful: v.unhelpful })
  return [...skills.values()].sort((a, b) => b.shownFirst - a.shownFirst || b.ranWhenShown - a.ranWhenShown || a.skill.localeCompare(b.skill))
}
