import type { FollowThrough } from '../../../../shared/api/recommendations'
import { useApiQuery } from '../../api/client'
import { QueryState } from '../../components/QueryState'
import { RECOMMENDATION_SOURCE_LABELS } from '../../components/recommendation-sources'
import { formatRate } from '../../format'
import { skillLink } from '../skill/SkillPage'
import { Link } from 'wouter'

const rate = (n: number, of: number) => (of ? formatRate(n / of) : '—')

/** Did recommendations help? Follow-through by source and by skill, from what ran after each one. */
export function SearchFollowThrough({ days, until }: { days: number | null; until: string }) {
  const metrics = useApiQuery('skills', 'recommendations-metrics', { scope: 'included', until, ...(days ? { days } : {}) })
  return (
    <QueryState query={metrics}>
      {(view) =>
        view.overall.recommendations === 0 ? (
          <p className="empty-state">No skill was recommended in this window: searches on the Search page, `session-buddy find` and the MCP tools are counted here.</p>
        ) : (
          <>
            <p className="cell-sub">
              A recommendation is followed when a skill it showed is the next to run (in its session, else its project) within {view.windowMinutes} minutes. Shares are of settled
              recommendations: a run came, or the window closed.
            </p>
            <table className="table" aria-label="Recommendations by source">
              <thead>
                <tr>
                  <th scope="col">Source</th>
                  <th scope="col">Recommended</th>
                  <th scope="col">Followed</th>
                  <th scope="col">At #1</th>
                  <th scope="col">In top 3</th>
                  <th scope="col">Ran, not shown</th>
                  <th scope="col">Completed after</th>
                  <th scope="col">Helpful / not</th>
                </tr>
              </thead>
              <tbody>
                {[...view.bySource.map((s) => ({ label: RECOMMENDATION_SOURCE_LABELS[s.source], counts: s as FollowThrough })), { label: 'All', counts: view.overall }].map(({ label, counts }) => (
                  <tr key={label}>
                    <th scope="row">{label}</th>
                    <td>
                      {counts.recommendations}
                      {counts.recommendations > counts.settled && <span className="cell-sub"> ({counts.recommendations - counts.settled} open)</span>}
                    </td>
                    <td>{rate(counts.followed, counts.settled)}</td>
                    <td>{rate(counts.acceptedAtRank1, counts.settled)}</td>
                    <td>{rate(counts.acceptedInTop3, counts.settled)}</td>
                    <td>{rate(counts.ranNotShown, counts.settled)}</td>
                    <td>{counts.followedWithOutcome ? `${counts.followedCompleted} of ${counts.followedWithOutcome}` : 'unknown'}</td>
                    <td>
                      {counts.helpful} / {counts.unhelpful}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <table className="table" aria-label="Recommendations by skill">
              <thead>
                <tr>
                  <th scope="col">Skill</th>
                  <th scope="col">Shown first</th>
                  <th scope="col">Accepted at #1</th>
                  <th scope="col">Ran when shown</th>
                  <th scope="col">Completed then</th>
                  <th scope="col">Ran, not shown</th>
                  <th scope="col">Helpful / not</th>
                </tr>
              </thead>
              <tbody>
                {view.bySkill.slice(0, 15).map((s) => (
                  <tr key={s.skill}>
                    <th scope="row">
                      <Link href={skillLink(s.skill, 'included', days ?? undefined)}>{s.skill}</Link>
                    </th>
                    <td>{s.shownFirst}</td>
                    <td>{s.acceptedAtRank1}</td>
                    <td>{s.ranWhenShown}</td>
                    <td>{s.completedWhenShown}</td>
                    <td>{s.ranNotShown}</td>
                    <td>
                      {s.helpful} / {s.unhelpful}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )
      }
    </QueryState>
  )
}
