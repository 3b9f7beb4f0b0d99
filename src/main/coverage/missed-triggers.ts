import type BetterSqlite3 from 'better-sqlite3'
import type { SkillTriggers, TriggerView } from '../../shared/api/coverage'
import { sameSkill } from '../catalogue/skill-names'
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
  /** JSON array of the skills that ran in the prompt's turn. */
  ran: string
}

export interface TriggerCoverage {
  view: TriggerView
  /** "matched\nran" → prompts that matched one skill best while another ran in the turn (for overlaps). */
  ranInstead: Map<string, number>
}

/**
 * Per skill: how many prompts in the scope matched it at least SHOULD_HAVE_RUN_MIN ("matched N
 * requests"), in how many of those turns it ran ("ran in M"), and the turns where no skill ran at all
 * (missed triggers). A turn runs from its prompt to the user's next prompt in the session (a
 * sub-agent's prompt does not end it). A run counts for the skill under its catalogue name or a
 * plugin's `plugin:name` (sameSkill).
 */
export function triggerCoverage(sqlite: BetterSqlite3.Database, scope: Scope): TriggerCoverage {
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
         (select json_group_array(distinct i.skill_name) from skill_invocations i where i.session_id = m.session_id and i.started_at >= m.ts
           and (m.turn_end is null or i.started_at < m.turn_end)) as ran
       from m order by m.ts desc`,
    )
    .all({ min: SHOULD_HAVE_RUN_MIN, projects: JSON.stringify(scope.projects), from: scope.from, until: scope.until }) as MatchRow[]
  const bySkill = new Map<string, SkillTriggers>()
  const ranInstead = new Map<string, number>()
  for (const row of rows) {
    let skill = bySkill.get(row.skill_name)
    if (!skill) bySkill.set(row.skill_name, (skill = { name: row.skill_name, matched: 0, ranInTurn: 0, otherRan: 0, missed: 0, missedPrompts: [] }))
    skill.matched++
    const ran = JSON.parse(row.ran) as string[]
    for (const other of new Set(ran.filter((r) => !sameSkill(r, row.skill_name)).map(catalogueName))) {
      const key = `${row.skill_name}\n${other}`
      ranInstead.set(key, (ranInstead.get(key) ?? 0) + 1)
    }
    if (ran.some((r) => sameSkill(r, row.skill_name))) skill.ranInTurn++
    else if (ran.length > 0) skill.otherRan++
    else {
      skill.missed++
      if (skill.missedPrompts.length < MISSED_LISTED) skill.missedPrompts.push({ sessionId: row.session_id, ts: row.ts, strength: round(row.strength), prompt: row.prompt })
    }
  }
  const skills = [...bySkill.values()].sort((a, b) => b.missed - a.missed || b.matched - a.matched || a.name.localeCompare(b.name))
  return { view: { threshold: SHOULD_HAVE_RUN_MIN, matched: rows.length, missed: skills.reduce((n, s) => n + s.missed, 0), skills }, ranInstead }
}

/** `plugin:name` → `name`, as the catalogue names it. */
const catalogueName = (ran: string) => ran.slice(ran.lastIndexOf(':') + 1)

const round = (x: number) => Math.round(x * 1000) / 1000
