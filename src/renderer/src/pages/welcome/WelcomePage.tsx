import { useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { useLocation } from 'wouter'
import type { DetectedFolderView } from '../../../../shared/api/projects'
import type { ImportReport } from '../../../../shared/api/tracking'
import { callApi, useApiQuery, useTransport } from '../../api/client'
import { useProgress } from '../../api/use-progress'
import { FolderPathInput } from '../../components/FolderPathInput'
import { PageHeader } from '../../components/PageHeader'
import { QueryState } from '../../components/QueryState'
import { formatDateTime } from '../../format'
import type { PrivacyChoices } from '../projects/ConsentPanel'
import { HooksSection } from '../projects/HooksPanel'
import { ReportSummary } from '../projects/ImportPanel'

type Step = { kind: 'choosing' } | { kind: 'working'; what: string } | { kind: 'failed'; message: string } | { kind: 'done'; report: ImportReport }

/**
 * The first run: the folders Claude Code worked in (from its transcripts), picked with a tick; the
 * paths Session Buddy will read for exactly those; then one button registers them and imports their
 * history, and the Skills page opens with what was found.
 */
export function WelcomePage() {
  const detected = useApiQuery('projects', 'onboarding-detect', {})
  const [selected, setSelected] = useState<string[]>([])
  const [typed, setTyped] = useState('')
  const [choices, setChoices] = useState<PrivacyChoices>({ track: true, includeInInsights: true, storePrompts: false })
  const [step, setStep] = useState<Step>({ kind: 'choosing' })
  const transport = useTransport()
  const queryClient = useQueryClient()
  const [, navigate] = useLocation()
  const progress = useProgress('import:claude-code')
  // What is stored for the chosen projects (the app may have read some history already while following transcripts).
  const projects = useApiQuery('projects', 'projects-list', {}, { enabled: step.kind === 'done' })
  const tracked = projects.data?.filter((p) => selected.includes(p.path)) ?? []
  const stored = tracked.reduce((sum, p) => ({ invocations: sum.invocations + p.counts.invocations, sessions: sum.sessions + p.counts.sessions }), { invocations: 0, sessions: 0 })
  const toggle = (folder: string) => setSelected((list) => (list.includes(folder) ? list.filter((f) => f !== folder) : [...list, folder]))

  const trackAndImport = async () => {
    try {
      for (const [i, folder] of selected.entries()) {
        setStep({ kind: 'working', what: `Registering ${folder} (${i + 1} of ${selected.length})` })
        await callApi(transport, 'projects-add', { path: folder, ...choices })
      }
      setStep({ kind: 'working', what: 'Importing Claude Code history' })
      const report = await callApi(transport, 'import-run', { source: 'claude-code' })
      await queryClient.invalidateQueries()
      setStep({ kind: 'done', report })
    } catch (error) {
      await queryClient.invalidateQueries()
      setStep({ kind: 'failed', message: (error as Error).message })
    }
  }

  return (
    <section aria-labelledby="page-title" className="welcome">
      <PageHeader
        title="Welcome to Session Buddy"
        subtitle="See which assistant skills you use, how well they work, and which to reach for next. Choose the projects to track: nothing is read before you confirm, and nothing leaves this machine."
      />
      <QueryState query={detected}>
        {(view) => (
          <>
            <h2 className="section-title">1. Choose projects</h2>
            {view.folders.length === 0 ? (
              <p className="empty-state">
                No Claude Code transcripts were found in {view.transcriptRoots.map((r) => r.dir).join(' or ')}. Type a project folder below.
              </p>
            ) : (
              <>
                <p className="page-subtitle">Folders Claude Code worked in, from its transcripts in {view.transcriptRoots.filter((r) => r.exists).map((r) => r.dir).join(' and ')}:</p>
                <ul className="plain-list card detected-folders" aria-label="Folders Claude Code worked in">
                  {view.folders.map((f) => (
                    <DetectedFolder key={f.path} folder={f} checked={selected.includes(f.path)} onToggle={() => toggle(f.path)} disabled={step.kind !== 'choosing'} />
                  ))}
                </ul>
              </>
            )}
            <form
              className="add-project"
              aria-label="Add another folder"
              onSubmit={(e) => {
                e.preventDefault()
                const folder = typed.trim()
                if (folder && !selected.includes(folder)) setSelected([...selected, folder])
                setTyped('')
              }}
            >
              <label htmlFor="welcome-path">Another project folder</label>
              <div className="input-row">
                <FolderPathInput id="welcome-path" value={typed} onChange={setTyped} placeholder={`${view.home}/code/my-project`} />
                <button type="submit" disabled={!typed.trim() || step.kind !== 'choosing'}>
                  Add
                </button>
              </div>
            </form>
          </>
        )}
      </QueryState>

      {selected.length > 0 && (
        <>
          <h2 className="section-title">2. What Session Buddy will read</h2>
          <div className="card">
            {selected.map((folder) => (
              <ReadPaths key={folder} folder={folder} onRemove={step.kind === 'choosing' ? () => toggle(folder) : undefined} />
            ))}
            <fieldset className="switches">
              <legend>Privacy, for these projects</legend>
              <label>
                <input type="checkbox" checked={choices.includeInInsights} onChange={() => setChoices({ ...choices, includeInInsights: !choices.includeInInsights })} /> Include in
                cross-project insights
              </label>
              <label>
                <input type="checkbox" checked={choices.storePrompts} onChange={() => setChoices({ ...choices, storePrompts: !choices.storePrompts })} /> Store my prompts with
                skill invocations
              </label>
            </fieldset>
            <div className="actions">
              <button type="button" className="primary" onClick={() => void trackAndImport()} disabled={step.kind !== 'choosing'}>
                Track and import {selected.length === 1 ? 'this project' : `these ${selected.length} projects`}
              </button>
            </div>
            {step.kind === 'working' && (
              <p className="progress" role="status">
                {step.what}
                {step.what.startsWith('Importing') && progress && (
                  <>
                    : <progress max={progress.total} value={progress.done} aria-label="Import progress" /> {progress.done} of {progress.total} transcripts
                  </>
                )}
                …
              </p>
            )}
            {step.kind === 'failed' && (
              <p className="form-error" role="alert">
                {step.message}{' '}
                <button type="button" onClick={() => setStep({ kind: 'choosing' })}>
                  Try again
                </button>
              </p>
            )}
            {step.kind === 'done' && (
              <>
                {tracked.length > 0 && (
                  <p className="report" role="status" aria-label="Tracked projects">
                    Tracking {tracked.length === 1 ? tracked[0]!.name : `${tracked.length} projects`}: {stored.invocations} skill invocations in {stored.sessions}{' '}
                    {stored.sessions === 1 ? 'session' : 'sessions'} so far.
                  </p>
                )}
                <ReportSummary report={step.report} title="Claude Code history imported" />
                <div className="actions">
                  <button type="button" className="primary" onClick={() => navigate('/skills')} autoFocus>
                    See your skills
                  </button>
                </div>
              </>
            )}
          </div>
        </>
      )}

      {step.kind === 'done' && tracked.length > 0 ? (
        <HooksSection projects={tracked} />
      ) : (
        <>
          <h2 className="section-title">Optional: record skills as they run</h2>
          <p className="card">
            Session Buddy follows Claude Code's transcripts of tracked projects by itself. Its hooks record each skill the moment it runs, which is
            faster and keeps working when transcripts are deleted. Once your projects are tracked, you can preview the change to their{' '}
            <code>.claude/settings.json</code> here and install the hooks with one click.
          </p>
        </>
      )}
    </section>
  )
}

function DetectedFolder({ folder, checked, onToggle, disabled }: { folder: DetectedFolderView; checked: boolean; onToggle(): void; disabled: boolean }) {
  const unavailable = folder.registered ? 'already tracked' : !folder.exists ? 'folder is gone' : null
  return (
    <li>
      <label className="detected-folder">
        <input type="checkbox" checked={checked} onChange={onToggle} disabled={disabled || unavailable !== null} />
        <span>
          <strong>{folder.name}</strong> <code className="cell-sub">{folder.path}</code>
          <span className="cell-sub">
            {' '}
            · {folder.sessions} {folder.sessions === 1 ? 'session' : 'sessions'} · last active {formatDateTime(folder.lastActivity)}
          </span>
          {unavailable && <span className="tag"> {unavailable}</span>}
          {folder.seenByPlugin && !folder.registered && <span className="tag"> seen by the plugin, not registered</span>}
        </span>
      </label>
    </li>
  )
}

function ReadPaths({ folder, onRemove }: { folder: string; onRemove?: () => void }) {
  const preview = useApiQuery('projects', 'projects-preview', { path: folder })
  return (
    <div className="consent-project">
      <h3>
        {preview.data?.name ?? folder} {preview.data && <span className="tag">{preview.data.projectType}</span>}{' '}
        {onRemove && (
          <button type="button" className="link-button" onClick={onRemove} aria-label={`Leave out ${folder}`}>
            leave out
          </button>
        )}
      </h3>
      {preview.isError && (
        <p className="form-error" role="alert">
          {preview.error.message}
        </p>
      )}
      {preview.data && (
        <ul className="read-paths" aria-label={`Paths Session Buddy will read in ${preview.data.name}`}>
          {preview.data.readPaths.map((p) => (
            <li key={p.path}>
              <code>{p.path}</code> <span className="read-path-what">{p.what}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}
