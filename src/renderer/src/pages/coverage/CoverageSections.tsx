import { Link } from 'wouter'
import type { SkillOverlap, TriggerView } from '../../../../shared/api/coverage'
import { formatDateTime, formatRate } from '../../format'
import { skillLink } from '../skill/SkillPage'

const sessionAt = (sessionId: string, ts: string) => `/sessions/${encodeURIComponent(sessionId)}/at/${encodeURIComponent(ts)}`

/** Per skill: requests it matched strongly, the turns it ran in, and the missed ones with their sessions. */
export function TriggerSection({ triggers, days }: { triggers: TriggerView; days: number | undefined }) {
  return (
    <section aria-labelledby="coverage-triggers">
      <h2 id="coverage-triggers" className="section-title">
        Trigger rate and missed triggers
      </h2>
      <p className="cell-sub">
        Each prompt is scored against the skills Claude Code could load for it, as search scores a request. A prompt matched a skill when its match strength was{' '}
        {triggers.threshold} or more (set so that 80 % or more of such prompts truly call for that skill; see the Coverage docs). A missed trigger: no skill ran before the next
        prompt.
      </p>
      {triggers.skills.length === 0 ? (
        <p className="empty-state">No prompt in this window matched a catalogued skill strongly.</p>
      ) : (
        <table className="table" aria-label="Trigger rate per skill">
          <thead>
            <tr>
              <th scope="col">Skill</th>
              <th scope="col">Matched requests</th>
              <th scope="col">Ran in</th>
              <th scope="col">Another skill ran</th>
              <th scope="col">Missed</th>
            </tr>
          </thead>
          <tbody>
            {triggers.skills.map((s) => (
              <tr key={s.name}>
                <th scope="row">
                  <Link href={skillLink(s.name, 'all', days)}>{s.name}</Link>
                </th>
                <td>{s.matched}</td>
                <td>
                  {s.ranInTurn} <span className="cell-sub">({formatRate(s.ranInTurn / s.matched)})</span>
                </td>
                <td>{s.otherRan}</td>
                <td>
                  {s.missed === 0 ? (
                    0
                  ) : (
                    <details>
                      <summary>
                        {s.missed} {s.missed === 1 ? 'request' : 'requests'}
                      </summary>
                      <ul className="plain-list missed-prompts" aria-label={`Missed triggers of ${s.name}`}>
                        {s.missedPrompts.map((m) => (
                          <li key={`${m.sessionId}:${m.ts}`}>
                            <Link href={sessionAt(m.sessionId, m.ts)}>{formatDateTime(m.ts)}</Link>{' '}
                            {m.prompt ? <q>{m.prompt.length > 140 ? `${m.prompt.slice(0, 139)}…` : m.prompt}</q> : <span className="cell-sub">prompt not stored</span>}{' '}
                            <span className="cell-sub">strength {m.strength.toFixed(2)}</span>
                          </li>
                        ))}
                        {s.missed > s.missedPrompts.length && <li className="cell-sub">and {s.missed - s.missedPrompts.length} earlier</li>}
                      </ul>
                    </details>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}

/** Pairs whose descriptions match the same requests, side by side. */
export function OverlapSection({ overlaps, days }: { overlaps: SkillOverlap[]; days: number | undefined }) {
  return (
    <section aria-labelledby="coverage-overlaps">
      <h2 id="coverage-overlaps" className="section-title">
        Overlapping skills
      </h2>
      <p className="cell-sub">
        Pairs whose names and descriptions match each other as requests would (mutual relevance, 0 to 1), and how often one ran for a request the other matched better. Claude Code
        may pick either; merge them or make each description say when it, and not the other, applies.
      </p>
      {overlaps.length === 0 ? (
        <p className="empty-state">No two skills&apos; descriptions match the same requests.</p>
      ) : (
        <ul className="plain-list overlap-list" aria-label="Overlapping skill pairs">
          {overlaps.map((o) => (
            <li key={`${o.a.path}|${o.b.path}`} className="card overlap-pair">
              <div className="overlap-meta">
                mutual relevance {o.mutualRelevance.toFixed(2)} · {o.b.name} ran for {o.a.name}&apos;s requests {o.bRanForA}× · {o.a.name} for {o.b.name}&apos;s {o.aRanForB}×
              </div>
              <div className="overlap-sides">
                {[o.a, o.b].map((s) => (
                  <div key={s.path}>
                    <Link href={skillLink(s.name, 'all', days)}>
                      <strong>{s.name}</strong>
                    </Link>{' '}
                    {s.projectName && <span className="tag">{s.projectName}</span>}
                    <p>{s.description || <span className="cell-sub">no description</span>}</p>
                    <code className="cell-sub">{s.path}</code>
                  </div>
                ))}
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
