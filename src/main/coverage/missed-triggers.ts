import type BetterSqlite3 from 'better-sqlite3'
import type { SkillTriggers, TriggerView } from '../../shared/api/coverage'
import type { Scope } from '../insights/scope'

/**
 * A prompt whose best skill matches at least this strongly "should have run" that skill. Set with
 * `npm run eval:coverage` (eval/coverage-prompts.jsonl, docs/coverage.md) for precision ≥ 0.80.
 */
export const SHOULD_HAVE_RUN_MIN = 0.15
/** Missed prompts listed per skill (the counts cover all of them). */
const MISSED_LISTED = 20

interface MatchRow {
  session_id: string
  ts: string
  skill_name: string
  strength: number
  prompt: string | null
  ran_this: number
  ran_any: number
}

/**
 * Per skill: how many prompts in the scope matched it at least SHOULD_HAVE_RUN_MIN ("matched N
 * requests"), in how many of those turns it ran ("ran in M"), and the turns where no skill ran at all
 * (missed triggers). A turn runs from its prompt to the user's next prompt in the session. A run
 * counts for the skill under its catalogue name or a plugin's `plugin:name`.
 */
export function triggerCoverage(sqlite: BetterSqlite3.Database, scope: Scope): TriggerView {
  const rows = sqlite
    .prepare(
      `with m as (
         select pm.session_id, pm.ts, pm.skill_name, pm.strength, p.text as prompt,
           (select min(n.ts) from prompts n where n.session_id = pm.session_id and n.ts > pm.ts and n.from_agent = 0) as turn_end
         from prompt_matches pm join prompts p on p.id = pm.prompt_id
         where pm.strength >= @min and pm.project_id in (select value from json_each(@projects))
           and (@from is null or substr(pm.ts, 1, 10) >= @from) and substr(pm.ts, 1, 10) <= @until
       )
       select m.session_id, m.ts, m.skill_name, m.strength, m.prompt,
         exists (select 1 from skill_invocations i where i.session_id = m.session_id and i.started_at >= m.ts
           and (m.turn_end is null or i.started_at < m.turn_end)
           and (i.skill_name = m.skill_name or i.skill_name like '%:' || m.skill_name)) as ran_this,
         exists (select 1 from skill_invocations i where i.session_id = m.session_id and i.started_at >= m.ts
           and (m.turn_end is null or i.started_at < m.turn_end)) as ran_any
       from m order by m.ts desc`,
    )
    .all({ min: SHOULD_HAVE_RUN_MIN, projects: JSON.stringify(scope.projects), from: scope.from, until: scope.until }) as MatchRow[]
  const bySkill = new Map<string, SkillTriggers>()
  for (const row of rows) {
    let skill = bySkill.get(row.skill_name)
    if (!skill) bySkill.set(row.skill_name, (skill = { name: row.skill_name, matched: 0, ranInTurn: 0, otherRan: 0, missed: 0, missedPrompts: [] }))
    skill.matched++
    if (row.ran_this) skill.ranInTurn++
    else if (row.ran_any) skill.otherRan++
    else {
      skill.missed++
      if (skill.missedPrompts.length < MISSED_LISTED) skill.missedPrompts.push({ sessionId: row.session_id, ts: row.ts, strength: round(row.strength), prompt: row.prompt })
    }
  }
  const skills = [...bySkill.values()].sort((a, b) => b.missed - a.missed || b.matched - a.matched || a.name.localeCompare(b.name))
  return { threshold: SHOULD_HAVE_RUN_MIN, matched: rows.length, missed: skills.reduce((n, s) => n + s.missed, 0), skills }
}

const round = (x: number) => Math.round(x * 1000) / 1000
