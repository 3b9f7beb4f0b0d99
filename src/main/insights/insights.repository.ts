import type BetterSqlite3 from 'better-sqlite3'
import { bucketSql, type InsightWindow } from './insight-window'

/**
 * Queries over the summary tables (see migration 005) for the projects included in insights.
 * Each takes the window and returns plain rows; the service turns them into views.
 */
export class InsightsRepository {
  constructor(private readonly sqlite: BetterSqlite3.Database) {}

  includedProjects(): Array<{ id: number; name: string; project_type: string; path: string }> {
    return this.sqlite.prepare('select id, name, project_type, path from projects where include_in_insights = 1 order by name, id').all() as Array<{ id: number; name: string; project_type: string; path: string }>
  }

  excludedProjectCount(): number {
    return this.sqlite.prepare('select count(*) from projects where include_in_insights = 0').pluck().get() as number
  }

  usageByProjectSkill(window: InsightWindow, skill?: string) {
    return this.sqlite
      .prepare(
        `select u.project_id, u.skill_name as skill, sum(invocations) as invocations, sum(completed) as completed, sum(failed) as failed,
                sum(abandoned) as abandoned, sum(duration_n) as duration_n, sum(duration_sum_ms) as duration_sum_ms
         from usage_daily u join projects p on p.id = u.project_id and p.include_in_insights = 1
         where u.day >= @from and u.day <= @until ${skill ? 'and u.skill_name = @skill' : ''}
         group by u.project_id, u.skill_name`,
      )
      .all(params(window, { skill })) as Array<{ project_id: number; skill: string; invocations: number; completed: number; failed: number; abandoned: number; duration_n: number; duration_sum_ms: number }>
  }

  trend(window: InsightWindow, skill?: string) {
    return this.sqlite
      .prepare(
        `select ${bucketSql(window.granularity, 'u.day')} as bucket, u.skill_name as skill, sum(invocations) as invocations
         from usage_daily u join projects p on p.id = u.project_id and p.include_in_insights = 1
         where u.day >= @from and u.day <= @until ${skill ? 'and u.skill_name = @skill' : ''}
         group by bucket, u.skill_name`,
      )
      .all(params(window, { skill })) as Array<{ bucket: string; skill: string; invocations: number }>
  }

  firstDay(): string | null {
    return (this.sqlite.prepare('select min(day) from usage_daily u join projects p on p.id = u.project_id and p.include_in_insights = 1').pluck().get() as string | null) ?? null
  }

  durationBuckets(window: InsightWindow, skill?: string) {
    return this.sqlite
      .prepare(
        `select d.skill_name as skill, bucket, sum(n) as n
         from duration_daily d join projects p on p.id = d.project_id and p.include_in_insights = 1
         where d.day >= @from and d.day <= @until ${skill ? 'and d.skill_name = @skill' : ''}
         group by d.skill_name, bucket`,
      )
      .all(params(window, { skill })) as Array<{ skill: string; bucket: number; n: number }>
  }

  sequences(window: InsightWindow, minSessions: number, skill?: string) {
    return this.sqlite
      .prepare(
        `select sequence, length, sum(sessions) as sessions, sum(s.completed) as completed
         from sequence_daily s join projects p on p.id = s.project_id and p.include_in_insights = 1
         where s.day >= @from and s.day <= @until ${skill ? "and (' → ' || sequence || ' → ') like '% → ' || @skill || ' → %'" : ''}
         group by sequence having sum(sessions) >= @minSessions
         order by sessions desc, length desc, sequence limit 200`,
      )
      .all(params(window, { skill, minSessions })) as Array<{ sequence: string; length: number; sessions: number; completed: number }>
  }

  sessionsWithSkills(window: InsightWindow): number {
    return (
      (this.sqlite
        .prepare(
          `select sum(sessions) from session_days s join projects p on p.id = s.project_id and p.include_in_insights = 1
           where s.day >= @from and s.day <= @until`,
        )
        .pluck()
        .get(params(window)) as number | null) ?? 0
    )
  }

  /** Failed workflow nodes, each attributed to the last skill started before it in the same session. */
  failuresAfterSkills(window: InsightWindow) {
    return this.sqlite
      .prepare(
        `select skill, count(*) as failures, count(distinct session_id) as sessions from (
           select r.session_id, (select i.skill_name from skill_invocations i where i.session_id = r.session_id and i.started_at <= n.started_at
                                 order by i.started_at desc limit 1) as skill
           from workflow_nodes n join workflow_runs r on r.id = n.run_id join projects p on p.id = r.project_id and p.include_in_insights = 1
           where n.status = 'failed' and r.session_id is not null and n.started_at >= @from and n.started_at <= @untilEnd
         ) where skill is not null group by skill`,
      )
      .all(params(window)) as Array<{ skill: string; failures: number; sessions: number }>
  }

  nodeDurations(window: InsightWindow) {
    return this.sqlite
      .prepare(
        `select n.name, n.duration_ms from workflow_nodes n join workflow_runs r on r.id = n.run_id
         join projects p on p.id = r.project_id and p.include_in_insights = 1
         where n.duration_ms is not null and n.started_at >= @from and n.started_at <= @untilEnd`,
      )
      .all(params(window)) as Array<{ name: string; duration_ms: number }>
  }

  /** Errors and follow-up actions of one skill (raw rows: only that skill's, via its index). */
  skillDetails(window: InsightWindow, skill: string) {
    const rows = this.sqlite
      .prepare(
        `select i.error_type, i.follow_up_actions from skill_invocations i join projects p on p.id = i.project_id and p.include_in_insights = 1
         where i.skill_name = @skill and i.started_at >= @from and i.started_at <= @untilEnd`,
      )
      .all(params(window, { skill })) as Array<{ error_type: string | null; follow_up_actions: string }>
    const recent = this.sqlite
      .prepare(
        `select i.session_id as id, p.name as projectName, min(i.started_at) as startedAt,
                case when sum(i.status = 'failed') > 0 then 'failed' when sum(i.status = 'abandoned') > 0 then 'abandoned'
                     when sum(i.status = 'running') > 0 then 'running' else 'completed' end as status
         from skill_invocations i join projects p on p.id = i.project_id and p.include_in_insights = 1
         where i.skill_name = @skill and i.session_id is not null and i.started_at >= @from and i.started_at <= @untilEnd
         group by i.session_id order by startedAt desc limit 20`,
      )
      .all(params(window, { skill })) as Array<{ id: string; projectName: string; startedAt: string; status: string }>
    return { rows, recent }
  }
}

function params(window: InsightWindow, extra: Record<string, unknown> = {}) {
  const defined = Object.fromEntries(Object.entries(extra).filter(([, v]) => v !== undefined))
  return { from: window.from ?? '0000-00-00', until: window.until, untilEnd: `${window.until}~`, ...defined }
}
