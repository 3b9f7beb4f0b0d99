import type { ImportReport } from '../../../../shared/api/tracking'
import { describeSkipped } from '../../../../shared/import-words'
import { useApiMutation } from '../../api/client'
import { useProgress } from '../../api/use-progress'

/** Imports history into every tracked project, with progress and the report. */
export function ImportPanel() {
  const transcripts = useApiMutation('import-run', ['sessions', 'skills', 'projects'])
  const legacy = useApiMutation('import-run', ['sessions', 'skills', 'projects'])
  const progress = useProgress('import:claude-code')
  return (
    <div className="card">
      <h2 className="section-title" style={{ marginTop: 0 }}>
        Import history
      </h2>
      <p className="page-subtitle">
        Reads Claude Code transcripts of sessions in tracked projects, and legacy <code>.session-buddy/skill_metrics.json</code> and{' '}
        <code>skills.db</code> files. Importing twice adds nothing.
      </p>
      <div className="actions">
        <button type="button" onClick={() => transcripts.mutate({ source: 'claude-code' })} disabled={transcripts.isPending}>
          {transcripts.isPending ? 'Importing transcripts…' : 'Import Claude Code transcripts'}
        </button>
        <button type="button" onClick={() => legacy.mutate({ source: 'legacy' })} disabled={legacy.isPending}>
          {legacy.isPending ? 'Importing legacy files…' : 'Import legacy files'}
        </button>
      </div>
      {transcripts.isPending && progress && (
        <div className="progress" role="status">
          <progress max={progress.total} value={progress.done} /> {progress.done} of {progress.total} files, {progress.detail}
        </div>
      )}
      {transcripts.error && <p className="form-error" role="alert">{transcripts.error.message}</p>}
      {legacy.error && <p className="form-error" role="alert">{legacy.error.message}</p>}
      {transcripts.data && <ReportSummary report={transcripts.data} />}
      {legacy.data && <ReportSummary report={legacy.data} />}
    </div>
  )
}

/** An import's outcome in plain words, with the folders its skipped lines belong to. */
export function ReportSummary({ report, title }: { report: ImportReport; title?: string }) {
  const skipped = Object.entries(report.skipped)
  return (
    <div className="report" role="status" aria-label={`${report.source} import report`}>
      <strong>{title ?? (report.source === 'claude-code' ? 'Claude Code transcripts' : 'Legacy files')}:</strong> {report.invocationsAdded} new skill
      invocations ({report.invocationsFound} found) from {report.files} files and {report.sessions} sessions.
      {skipped.length > 0 && (
        <ul className="plain-list">
          {skipped.map(([reason, n]) => (
            <li key={reason}>
              {describeSkipped(reason, n)}
              {reason === 'outside-registered-projects' && (report.outsideFolders?.length ?? 0) > 0 && (
                <details>
                  <summary>See which</summary>
                  <ul>
                    {report.outsideFolders!.map((f) => (
                      <li key={f.folder}>
                        <code>{f.folder}</code> · {f.lines.toLocaleString('en')} lines
                      </li>
                    ))}
                  </ul>
                </details>
              )}
            </li>
          ))}
        </ul>
      )}
      {report.validation.map((v) => (
        <div key={v.file}>
          Validation of <code>{v.file}</code>: {v.differences.length === 0 ? 'totals match its summary.' : `${v.differences.length} differences`}
          {v.differences.length > 0 && (
            <ul>
              {v.differences.map((d) => (
                <li key={`${d.skill}.${d.field}`}>
                  {d.skill} {d.field}: summary {String(d.summary)}, recomputed {String(d.recomputed)}
                </li>
              ))}
            </ul>
          )}
        </div>
      ))}
      {report.problems.length > 0 && (
        <ul className="form-error">
          {report.problems.map((p, i) => (
            <li key={i}>
              <code>
                {p.file}
                {p.line ? `:${p.line}` : ''}
              </code>{' '}
              {p.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}
