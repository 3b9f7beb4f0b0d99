import { useApiMutation, useApiQuery } from '../api/client'

/** Shown after the database could not be opened and was recovered, until the user has read it. */
export function RecoveryBanner() {
  const info = useApiQuery('settings', 'app-info', {})
  const dismiss = useApiMutation('recovery-dismiss', ['settings'])
  const report = info.data?.recovery
  if (!report) return null
  return (
    <div className="banner banner-warning" role="alert">
      <p>
        <strong>The database could not be opened</strong> ({report.problem}), so Session Buddy{' '}
        {report.restoredFrom ? `restored the backup of ${new Date(report.restoredFrom.takenAt).toLocaleString()}` : 'started a new database (there was no usable backup)'}.{' '}
        {report.readAgain}
      </p>
      <details>
        <summary>What was done, and what could not be recovered</summary>
        <ul>
          <li>The file that failed is kept, untouched, at <code>{report.damagedCopy}</code>.</li>
          {report.projectsFromDamagedFile !== null && (
            <li>
              {report.projectsFromDamagedFile} registered projects and their switches were read from it ({report.projectsAdded} added back, {report.projectsRemoved}{' '}
              removed again).
            </li>
          )}
          {report.backupsSkipped.map((b) => (
            <li key={b}>Backup passed over: {b}</li>
          ))}
          {report.notRecovered.map((line) => (
            <li key={line}>Not recovered: {line}</li>
          ))}
        </ul>
      </details>
      <button type="button" onClick={() => dismiss.mutate({})} disabled={dismiss.isPending}>
        Got it
      </button>
    </div>
  )
}
