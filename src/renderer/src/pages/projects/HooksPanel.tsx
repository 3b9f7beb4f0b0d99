import { useState } from 'react'
import type { HooksPreviewView } from '../../../../shared/api/projects'
import { useApiMutation, useApiQuery } from '../../api/client'

type Action = 'install' | 'uninstall'

/**
 * Claude Code hooks for one project: whether they are installed, the exact change to its
 * .claude/settings.json before anything is written, and one button to make it.
 */
export function HooksPanel({ project }: { project: { id: number; name: string } }) {
  const [previewing, setPreviewing] = useState<Action | null>(null)
  const status = useApiQuery('projects', 'hooks-preview', { projectId: project.id, action: 'install' })
  const preview = useApiQuery('projects', 'hooks-preview', { projectId: project.id, action: previewing ?? 'install' }, { enabled: previewing !== null })
  const apply = useApiMutation('hooks-apply', ['projects'])
  if (status.isPending) return <p className="cell-sub">Reading {project.name}'s Claude Code settings…</p>
  if (status.isError)
    return (
      <p className="form-error" role="alert">
        {status.error.message}
      </p>
    )
  const installed = status.data.installed
  const action: Action = installed ? 'uninstall' : 'install'
  return (
    <div className="hooks-panel" role="group" aria-label={`Claude Code hooks for ${project.name}`}>
      <p className="hooks-state">
        <strong>{project.name}</strong> <span className={`tag ${installed ? 'status-completed' : 'status-abandoned'}`}>{installed ? 'hooks installed' : 'no hooks'}</span>{' '}
        <code className="cell-sub">{status.data.file}</code>
      </p>
      <div className="actions">
        <button type="button" aria-expanded={previewing === action} onClick={() => setPreviewing(previewing === action ? null : action)}>
          {installed ? 'Preview removing the hooks' : 'Preview the change'}
        </button>
        {previewing === action && preview.data?.changed && (
          <button
            type="button"
            className={installed ? 'danger-outline' : 'primary'}
            disabled={apply.isPending}
            onClick={() => apply.mutate({ projectId: project.id, action }, { onSuccess: () => setPreviewing(null) })}
          >
            {installed ? 'Remove the hooks' : 'Install the hooks'}
          </button>
        )}
      </div>
      {previewing === action && preview.data && <SettingsDiff view={preview.data} />}
      {previewing === action && preview.isError && (
        <p className="form-error" role="alert">
          {preview.error.message}
        </p>
      )}
      {apply.isError && (
        <p className="form-error" role="alert">
          {apply.error.message}
        </p>
      )}
      {apply.data && (
        <p role="status" className="cell-sub">
          {apply.data.installed ? 'Hooks installed' : 'Hooks removed'} in {apply.data.file}
          {apply.data.backup ? `; the previous file is kept as ${apply.data.backup}` : ''}.
        </p>
      )}
    </div>
  )
}

function SettingsDiff({ view }: { view: HooksPreviewView }) {
  if (!view.changed) return <p className="cell-sub">Nothing to change: {view.file} already has what this would write.</p>
  const added = view.diff.filter((l) => l.change === 'added').length
  const removed = view.diff.filter((l) => l.change === 'removed').length
  return (
    <figure className="settings-diff">
      <figcaption className="cell-sub">
        The change to <code>{view.file}</code>: {added} {added === 1 ? 'line' : 'lines'} added, {removed} removed. Nothing else in the file changes.
      </figcaption>
      <pre aria-label={`Change to ${view.file}`}>
        {view.diff.map((line, i) => (
          <span key={i} className={`diff-${line.change}`}>
            {line.change === 'added' ? '+ ' : line.change === 'removed' ? '- ' : '  '}
            {line.text}
            {'\n'}
          </span>
        ))}
      </pre>
    </figure>
  )
}

/** The optional hooks, explained once, with a panel per project. */
export function HooksSection({ projects, headingLevel = 2 }: { projects: Array<{ id: number; name: string }>; headingLevel?: 2 | 3 }) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3'
  return (
    <section aria-labelledby="hooks-title">
      <Heading id="hooks-title" className="section-title">
        Optional: record skills as they run
      </Heading>
      <div className="card">
        <p className="cell-sub hooks-intro">
          Session Buddy follows Claude Code's transcripts of tracked projects by itself. Its hooks record each skill the moment it runs, which is
          faster and keeps working when transcripts are deleted (Claude Code removes them after 30 days). You see the change to the project's{' '}
          <code>.claude/settings.json</code> before anything is written; the command line does the same with <code>session-buddy hooks install --dry-run</code>.
        </p>
        {projects.map((p) => (
          <HooksPanel key={p.id} project={p} />
        ))}
      </div>
    </section>
  )
}
