import type { ToolStatView } from '../../../../shared/api/tools'
import { formatDuration, formatRate } from '../../format'

/** Per tool: calls, errors and how long results took (p50/p95 over calls with a result). */
export function ToolStats({ stats, label = 'Tools used in this session', titled = true }: { stats: ToolStatView[]; label?: string; titled?: boolean }) {
  const table = (
    <div className="table-scroll">
      <table className="table table-one-line" aria-label={label}>
        <thead>
          <tr>
            <th>Tool</th>
            <th className="num">Calls</th>
            <th className="num">Errors</th>
            <th className="num">Median</th>
            <th className="num">p95</th>
          </tr>
        </thead>
        <tbody>
          {stats.map((s) => (
            <tr key={s.tool}>
              <td>{s.tool}</td>
              <td className="num">{s.calls}</td>
              <td className="num">{`${s.errors} (${formatRate(s.errorRate)})`}</td>
              <td className="num">{formatDuration(s.p50Ms)}</td>
              <td className="num">{formatDuration(s.p95Ms)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
  if (!titled) return table
  return (
    <section aria-labelledby="session-tools-title">
      <h2 id="session-tools-title" className="section-title">
        Tools
      </h2>
      {table}
    </section>
  )
}
