import { useApiQuery } from '../../api/client'

/** Lines of event logs that could not be stored: file, line and why. Everything around them was stored. */
export function IngestErrors() {
  const errors = useApiQuery('ingest', 'ingest-errors', { limit: 100 })
  if (!errors.data || errors.data.length === 0) return null
  return (
    <section aria-labelledby="ingest-errors-title">
      <h2 className="section-title" id="ingest-errors-title">
        Lines that could not be read <span className="badge badge-error">{errors.data.length}</span>
      </h2>
      <p className="page-subtitle">Each line was skipped and recorded; every good line around it was stored.</p>
      <ul className="error-list">
        {errors.data.map((e) => (
          <li key={e.id}>
            <code>
              {e.file}
              {e.line === null ? '' : `:${e.line}`}
            </code>{' '}
            ({e.projectName}): {e.reason}
            {e.excerpt && <div className="cell-sub">{e.excerpt}</div>}
          </li>
        ))}
      </ul>
    </section>
  )
}
