import { useState } from 'react'
import { Link } from 'wouter'
import { useApiQuery } from '../../api/client'
import { QueryState } from '../../components/QueryState'
import { formatCost, formatDateTime, formatTokens } from '../../format'
import { sessionCallLink } from '../session/SessionPage'
import { skillLink } from '../skill/SkillPage'
import { CostPerDay } from './charts'
import { ToolStats } from '../session/ToolStats'

/** Tokens and cost per included project and per skill (inside its runs' spans). */
export function CostSection({ days }: { days: number | null }) {
  const usage = useApiQuery('sessions', 'usage-breakdown', days ? { days } : {})
  return (
    <QueryState query={usage}>
      {(view) =>
        view.projects.length === 0 ? (
          <p className="empty-state">No token counts in this window: they come from the Claude Code transcripts of included projects.</p>
        ) : (
          <>
            <p className="cell-sub">
              From each reply's token counts in the transcripts, at the Claude prices of {view.prices.asOf}
              {view.prices.overridden ? ' and your prices.json' : ''}. A skill's cost is that of the replies written while its runs were open. * some tokens are of a model
              with no known price: counted, not priced.
            </p>
            <div className="card chart" aria-label="Cost per day">
              <CostPerDay days={view.days} />
            </div>
            <div className="grid-2">
              <table className="table" aria-label="Cost per project">
                <thead>
                  <tr>
                    <th>Project</th>
                    <th className="num">Sessions</th>
                    <th className="num">Tokens</th>
                    <th className="num">Cost</th>
                  </tr>
                </thead>
                <tbody>
                  {view.projects.map((p) => (
                    <tr key={p.projectId}>
                      <td>{p.name}</td>
                      <td className="num">{p.sessions}</td>
                      <td className="num">{formatTokens(p.tokens)}</td>
                      <td className="num">
                        {formatCost(p.cost)}
                        {p.unpriced && '*'}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <table className="table" aria-label="Cost per skill">
                <thead>
                  <tr>
                    <th>Skill</th>
                    <th className="num">Runs</th>
                    <th className="num">Tokens</th>
                    <th className="num">Cost</th>
                    <th className="num">Per run</th>
                  </tr>
                </thead>
                <tbody>
                  {view.skills.slice(0, 15).map((s) => (
                    <tr key={s.skill}>
                      <td>
                        <Link href={skillLink(s.skill, 'included', days)}>{s.skill}</Link>
                      </td>
                      <td className="num">{s.runs}</td>
                      <td className="num">{formatTokens(s.tokens)}</td>
                      <td className="num">
                        {formatCost(s.cost)}
                        {s.unpriced && '*'}
                      </td>
                      <td className="num">{formatCost(s.costPerRun)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )
      }
    </QueryState>
  )
}

/** Per tool over included projects, and each tool's latest failed calls, one click from the session at that call. */
export function ToolsSection({ days }: { days: number | null }) {
  const tools = useApiQuery('sessions', 'tools-insights', days ? { days } : {})
  const [tool, setTool] = useState<string | null>(null)
  return (
    <QueryState query={tools}>
      {(view) =>
        view.tools.length === 0 ? (
          <p className="empty-state">No tool calls in this window: they come from the Claude Code transcripts of included projects.</p>
        ) : (
          <>
            <div className="grid-2">
              <ToolStats stats={view.tools.slice(0, 20)} label="Tools across included projects" titled={false} />
              <div>
                <label className="inline-field">
                  Failed calls of{' '}
                  <select value={tool ?? ''} onChange={(e) => setTool(e.target.value || null)}>
                    <option value="">choose a tool</option>
                    {view.tools
                      .filter((t) => t.errors > 0)
                      .map((t) => (
                        <option key={t.tool} value={t.tool}>
                          {t.tool} ({t.errors})
                        </option>
                      ))}
                  </select>
                </label>
                {tool && <ToolErrors tool={tool} days={days} />}
              </div>
            </div>
          </>
        )
      }
    </QueryState>
  )
}

function ToolErrors({ tool, days }: { tool: string; days: number | null }) {
  const errors = useApiQuery('sessions', 'tool-errors', { tool, ...(days ? { days } : {}) })
  return (
    <QueryState query={errors}>
      {(list) => (
        <ul className="plain-list card" aria-label={`Failed calls of ${tool}`}>
          {list.map((e) => (
            <li key={e.toolUseId}>
              <Link href={sessionCallLink(e.sessionId, e.toolUseId)}>{formatDateTime(e.startedAt)}</Link> <span className="cell-sub">· {e.projectName}</span>
            </li>
          ))}
        </ul>
      )}
    </QueryState>
  )
}
