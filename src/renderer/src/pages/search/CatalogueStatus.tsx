import { useState } from 'react'
import type { CatalogueStatusView, EmbedderSetting } from '../../../../shared/api/search'
import { useApiMutation } from '../../api/client'
import { useProgress } from '../../api/use-progress'

/** What the catalogue holds, how far embedding has come, and its settings (extra folders, embedder). */
export function CatalogueStatus({ status }: { status: CatalogueStatusView }) {
  const progress = useProgress('search:embed')
  const refresh = useApiMutation('catalogue-refresh', ['skills'])
  const { embedder } = status
  const folders = status.roots.filter((r) => r.skills > 0).length
  const embedding = embedder.state === 'embedding' || embedder.state === 'refining'
  const done = embedding && progress ? progress.done : embedder.embedded
  const total = embedding && progress ? progress.total : embedder.total
  return (
    <div className="catalogue-status">
      <p>
        <strong>{status.skills}</strong> {plural(status.skills, 'skill')} and <strong>{status.commands}</strong> {plural(status.commands, 'command')} from{' '}
        {folders} {plural(folders, 'folder')} ·{' '}
        {(embedder.state === 'ready' || embedder.state === 'refining') && <>matching wording, word parts and meaning ({embedder.model})</>}
        {embedder.state === 'idle' && <>matching wording and word parts</>}
        {embedder.state === 'failed' && <span className="form-error">meaning-based matching is off: {embedder.error}</span>}
        {embedding && (
          <span className="progress" role="status">
            {embedder.state === 'refining' ? (
              <>
                {' '}
                · refining with skill sections: <progress max={total} value={done} /> {done}/{total}
              </>
            ) : (
              <>
                embedding skill descriptions with {embedder.model}: <progress max={total} value={done} /> {done}/{total} (wording works meanwhile)
              </>
            )}
          </span>
        )}{' '}
        <button type="button" onClick={() => refresh.mutate({})} disabled={refresh.isPending}>
          Re-read folders
        </button>
      </p>
      <details className="catalogue-settings">
        <summary>Catalogue settings</summary>
        <CatalogueSettingsForm status={status} />
      </details>
    </div>
  )
}

function CatalogueSettingsForm({ status }: { status: CatalogueStatusView }) {
  const save = useApiMutation('catalogue-settings-set', ['skills'])
  const [folders, setFolders] = useState(status.extraFolders.join('\n'))
  const current = status.embedder.setting
  const [kind, setKind] = useState<EmbedderSetting['kind']>(current.kind)
  const [model, setModel] = useState(current.kind === 'transformers' ? current.model : '')
  const [allowDownload, setAllowDownload] = useState(current.kind === 'transformers' ? current.allowDownload : false)
  const submit = (event: React.FormEvent) => {
    event.preventDefault()
    const embedder: EmbedderSetting = kind === 'use-lite' ? { kind } : { kind, model: model.trim(), allowDownload }
    save.mutate({ extraFolders: folders.split('\n').map((f) => f.trim()).filter(Boolean), embedder })
  }
  return (
    <form onSubmit={submit} className="settings-form">
      <p className="cell-sub">Read from: {status.roots.map((r) => `${r.dir} (${r.skills})`).join(' · ') || 'nothing yet'}</p>
      <label>
        Extra skill folders, one absolute path a line
        <textarea rows={3} value={folders} onChange={(e) => setFolders(e.target.value)} />
      </label>
      <fieldset>
        <legend>Sentence encoder for meaning</legend>
        <label>
          <input type="radio" name="embedder" checked={kind === 'use-lite'} onChange={() => setKind('use-lite')} /> Universal Sentence Encoder lite (built in, offline)
        </label>
        <label>
          <input type="radio" name="embedder" checked={kind === 'transformers'} onChange={() => setKind('transformers')} /> A transformers.js model (MiniLM, bge…)
        </label>
        {kind === 'transformers' && (
          <>
            <label>
              Model folder (absolute) or Hugging Face id
              <input value={model} onChange={(e) => setModel(e.target.value)} placeholder="Xenova/all-MiniLM-L6-v2" required />
            </label>
            <label>
              <input type="checkbox" checked={allowDownload} onChange={(e) => setAllowDownload(e.target.checked)} /> Allow downloading it into the app's
              models folder (the only network access Session Buddy makes)
            </label>
          </>
        )}
      </fieldset>
      <button type="submit" disabled={save.isPending}>
        Save and re-index
      </button>
      {save.isError && (
        <p className="form-error" role="alert">
          {save.error.message}
        </p>
      )}
      {status.warnings.length > 0 && (
        <details>
          <summary>{status.warnings.length} files read with warnings</summary>
          <ul className="error-list">
            {status.warnings.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        </details>
      )}
    </form>
  )
}

const plural = (n: number, word: string) => (n === 1 ? word : `${word}s`)
