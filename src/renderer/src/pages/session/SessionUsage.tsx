import { useApiQuery } from '../../api/client'
import { formatCost } from '../../format'

const n = (x: number) => x.toLocaleString()

/** The session's tokens and cost per model, from its transcript's replies. */
export function SessionUsage({ sessionId }: { sessionId: string }) {
  const usage = useApiQuery('sessions', 'session-usage', { sessionId })
  if (usage.isPending || usage.isError) return null
  const u = usage.data
  return (
    <section aria-labelledby="usage-title">
      <h2 id="usage-title" className="section-title">
        Tokens and cost
      </h2>
      {!u ? (
        <p className="empty-state">No token counts for this session: they come from its Claude Code transcript, which was not imported.</p>
      ) : (
        <div className="table-scroll">
          <table className="table" aria-label="Tokens and cost per model">
            <thead>
              <tr>
                <th>Model</th>
                <th className="num">Input</th>
                <th className="num">Output</th>
                <th className="num">Cache write</th>
                <th className="num">Cache read</th>
                <th className="num">Cost</th>
              </tr>
            </thead>
            <tbody>
              {u.modelBreakdowns.map((m) => (
                <tr key={m.modelName}>
                  <td>{m.modelName}</td>
                  <td className="num">{n(m.inputTokens)}</td>
                  <td className="num">{n(m.outputTokens)}</td>
                  <td className="num">{n(m.cacheCreationTokens)}</td>
                  <td className="num">{n(m.cacheReadTokens)}</td>
                  <td className="num">{m.unpriced ? <span title="No price is known for this model">unpriced</span> : formatCost(m.cost)}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">Total</th>
                <td className="num">{n(u.inputTokens)}</td>
                <td className="num">{n(u.outputTokens)}</td>
                <td className="num">{n(u.cacheCreationTokens)}</td>
                <td className="num">{n(u.cacheReadTokens)}</td>
                <td className="num">{formatCost(u.totalCost)}</td>
              </tr>
            </tfoot>
          </table>
          {u.unpricedModels.length > 0 && (
            <p className="cell-sub">
              No price is known for {u.unpricedModels.join(', ')}: its tokens are counted, its cost is not. Add the price to <code>prices.json</code> in the data folder.
            </p>
          )}
        </div>
      )}
    </section>
  )
}
