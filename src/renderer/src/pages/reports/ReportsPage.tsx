import { useState } from 'react'
import type { ReportFile, ReportFormat } from '../../../../shared/api/insights'
import { callApi, useApiQuery, useTransport } from '../../api/client'
import { PageHeader } from '../../components/PageHeader'
import { QueryState } from '../../components/QueryState'
import { InsightsWindowPicker, windowInput, type InsightsWindowState } from '../insights/InsightsWindowPicker'
import reportStylesUrl from '../../../../shared/report.css?url'

const FORMATS: Array<{ value: ReportFormat; label: string }> = [
  { value: 'html', label: 'HTML (self-contained, charts inline)' },
  { value: 'md', label: 'Markdown' },
  { value: 'pdf', label: 'PDF' },
  { value: 'csv', label: 'CSV (one row per skill)' },
  { value: 'json', label: 'JSON (everything)' },
]

interface Privacy {
  includeProjectNames: boolean
  includePaths: boolean
  includePrompts: boolean
}

export function ReportsPage() {
  const transport = useTransport()
  const [format, setFormat] = useState<ReportFormat>('html')
  const [window, setWindow] = useState<InsightsWindowState>({ days: 30, granularity: undefined })
  const [privacy, setPrivacy] = useState<Privacy>({ includeProjectNames: false, includePaths: false, includePrompts: false })
  const [exporting, setExporting] = useState<string | null>(null)
  // The preview is the very file that will be written (a PDF previews as the page it prints).
  const previewFormat = format === 'pdf' ? 'html' : format
  const options = { ...windowInput(window), ...privacy }
  const preview = useApiQuery('sessions', 'insights-report', { format: previewFormat, ...options })

  const exportFile = async () => {
    setExporting('Exporting…')
    try {
      const file = await callApi(transport, 'insights-report', { format, ...options })
      download(file)
      setExporting(`Saved ${file.fileName}`)
    } catch (error) {
      setExporting(`Export failed: ${(error as Error).message}`)
    }
  }

  return (
    <section aria-labelledby="page-title">
      <PageHeader title="Reports" subtitle="Export insights of the projects you include. By default a report holds aggregates only; tick in more for this export if you want it." />
      <form className="report-options card" onSubmit={(e) => (e.preventDefault(), void exportFile())}>
        <label>
          Format
          <select aria-label="Format" value={format} onChange={(e) => setFormat(e.target.value as ReportFormat)}>
            {FORMATS.map((f) => (
              <option key={f.value} value={f.value}>
                {f.label}
              </option>
            ))}
          </select>
        </label>
        <InsightsWindowPicker value={window} onChange={setWindow} />
        <fieldset className="switches">
          <legend>Include in this export</legend>
          <Check label="Project names (otherwise stable pseudonyms such as project-3fa2c1)" checked={privacy.includeProjectNames} onChange={(v) => setPrivacy({ ...privacy, includeProjectNames: v })} />
          <Check label="Project folders" checked={privacy.includePaths} onChange={(v) => setPrivacy({ ...privacy, includePaths: v })} />
          <Check label="Example requests (prompts) behind the most used skills" checked={privacy.includePrompts} onChange={(v) => setPrivacy({ ...privacy, includePrompts: v })} />
        </fieldset>
        <div className="input-row">
          <button type="submit">Export {format.toUpperCase()}</button>
          {exporting && (
            <span role="status" className="cell-sub">
              {exporting}
            </span>
          )}
        </div>
      </form>
      <h2 className="section-title">Preview: exactly what will be written{format === 'pdf' ? ' (printed to PDF)' : ''}</h2>
      <QueryState query={preview}>
        {(file) =>
          previewFormat === 'html' ? (
            // Same origin (so the stylesheet loads) but no scripts: the frame can run nothing.
            <iframe className="report-preview" title="Report preview" sandbox="allow-same-origin" srcDoc={withLinkedStyles(file.content)} />
          ) : (
            <pre className="report-preview report-text" aria-label="Report preview">
              {file.content}
            </pre>
          )
        }
      </QueryState>
    </section>
  )
}

function Check({ label, checked, onChange }: { label: string; checked: boolean; onChange(value: boolean): void }) {
  return (
    <label>
      <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} /> {label}
    </label>
  )
}

function download(file: ReportFile) {
  const bytes = file.encoding === 'base64' ? Uint8Array.from(atob(file.content), (c) => c.charCodeAt(0)) : new TextEncoder().encode(file.content)
  const url = URL.createObjectURL(new Blob([bytes], { type: file.mediaType }))
  const link = document.createElement('a')
  link.href = url
  link.download = file.fileName
  document.body.append(link)
  link.click()
  link.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}

/**
 * The preview shows the exported file itself, with its inline styles swapped for the same stylesheet
 * served by the app: the app's Content-Security-Policy (default-src 'self', inherited by the sandboxed
 * frame) refuses inline styles, and is not relaxed for this.
 */
function withLinkedStyles(html: string): string {
  return html.replace(/<style>[\s\S]*?<\/style>/, `<link rel="stylesheet" href="${new URL(reportStylesUrl, window.location.href).href}">`)
}
