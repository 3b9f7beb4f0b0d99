import type { ReportModel } from './report-model'
import { RECOMMENDATION_LABELS } from '../../shared/recommendation-labels'
import { outcomesSvg, usageSvg } from './report-svg'
import { privacyNote, windowLabel } from './report-text'
import { dur, esc, pct } from './report-format'
import STYLE from '../../shared/report.css?raw'



function table(headers: string[], rows: string[][], numeric: number[] = []): string {
  const th = headers.map((h, i) => `<th${numeric.includes(i) ? ' class="n"' : ''}>${esc(h)}</th>`).join('')
  const body = rows.map((r) => `<tr>${r.map((c, i) => `<td${numeric.includes(i) ? ' class="n"' : ''}>${c}</td>`).join('')}</tr>`).join('')
  return `<table><thead><tr>${th}</tr></thead><tbody>${body}</tbody></table>`
}

/** A self-contained page: inline CSS and SVG charts, no script and no external reference. */
export function toHtml(model: ReportModel): string {
  const v = model.insights
  const effective = v.patterns.filter((p) => p.effective)
  const sections = [
    `<h1>${esc(model.title)}</h1><p class="muted">${esc(windowLabel(v))} · ${v.projects.length} ${v.projects.length === 1 ? 'project' : 'projects'} · generated ${esc(model.generatedAt)}</p><p class="muted"><em>${esc(privacyNote(model))}</em></p>`,
    `<h2>Totals</h2><p class="muted">Scope: ${esc(v.scope.label)}. Rates count runs whose outcome is known; durations count ended runs.</p><p>${v.totals.invocations} skill uses: ${v.totals.completed} completed, ${v.totals.failed} failed, ${v.totals.abandoned} abandoned, ${v.totals.unknown} unknown · ${v.totals.skills} skills · ${v.totals.sessionsWithSkills} sessions with skills.</p>`,
    `<h2>Usage over time (per ${v.granularity})</h2>${usageSvg(v.trend.buckets, v.trend.series)}`,
    `<h2>Effectiveness per skill</h2>${outcomesSvg(v.skills.slice(0, 15).map((s) => ({ label: s.skill, ...s })))}` +
      table(
        ['Skill', 'Uses', 'Completed', 'Failed', 'Abandoned', 'Median', 'p95', 'Projects'],
        v.skills.map((s) => [`${esc(s.skill)}${s.smallSample ? ' <span class="tag">small sample</span>' : ''}`, String(s.invocations), pct(s.completionRate), String(s.failed), String(s.abandoned), dur(s.p50Ms), dur(s.p95Ms), String(s.projects)]),
        [1, 2, 3, 4, 5, 6, 7],
      ),
    `<h2>By project type</h2>${outcomesSvg(v.byProjectType.map((t) => ({ label: `${t.projectType} (${t.projects})`, ...t })))}` +
      table(
        ['Type', 'Projects', 'Uses', 'Completed', 'Most used'],
        v.byProjectType.map((t) => [esc(t.projectType), String(t.projects), String(t.invocations), pct(t.completionRate), esc(t.topSkills.slice(0, 4).map((s) => s.skill).join(', '))]),
        [1, 2, 3],
      ),
    `<h2>Effective sequences</h2><p class="muted">Lift above 1 in at least five sessions.</p>` +
      (effective.length
        ? table(
            ['Sequence', 'Sessions', 'Support', 'Last step completed', 'Alone', 'Lift'],
            effective.slice(0, 20).map((p) => [esc(p.steps.join(' → ')), String(p.sessions), pct(p.support), `${p.completed} of ${p.sessions}`, pct(p.baselineRate), p.lift === null ? '–' : p.lift.toFixed(2)]),
            [1, 2, 3, 4, 5],
          )
        : '<p>No sequence has a lift above 1 in five or more sessions.</p>'),
    `<h2>Recommendations</h2>${v.recommendations.length ? `<ul>${v.recommendations.map((r) => `<li><span class="tag">${esc(RECOMMENDATION_LABELS[r.kind])}</span> <strong>${esc(r.title)}</strong><br><span class="muted">${esc(r.reason)}</span></li>`).join('')}</ul>` : '<p>Nothing stands out yet: no skill fails often or is slow, and no sequence or skill has enough evidence to suggest.</p>'}`,
    coverageHtml(model),
    `<h2>Projects</h2>${table(['Project', 'Type', 'Uses', 'Completed'], v.projects.map((p) => [esc(p.name), esc(p.projectType), String(p.invocations), pct(p.completionRate)]), [2, 3])}`,
    model.projectPaths.length ? `<h2>Project folders</h2>${table(['Project', 'Folder'], model.projectPaths.map((p) => [esc(p.project), `<code>${esc(p.path)}</code>`]))}` : '',
    model.exampleRequests.length ? `<h2>Example requests</h2>${model.exampleRequests.map((e) => `<h3>${esc(e.skill)}</h3><ul>${e.requests.map((r) => `<li>${esc(r)}</li>`).join('')}</ul>`).join('')}` : '',
  ]
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${esc(model.title)}</title><style>${STYLE}</style></head><body>${sections.join('\n')}</body></html>\n`
}

function coverageHtml(model: ReportModel): string {
  const c = model.coverage
  if (!c) return ''
  const list = (items: string[], none: string) => (items.length ? esc(items.join(', ')) : none)
  return (
    `<h2>Coverage</h2><p>${c.skills} catalogued skills and commands.</p>` +
    `<p><strong>Trigger rate</strong> (requests a skill matched strongly, turns it ran in, turns no skill ran): ${list(c.triggers.map((s) => `${s.name} matched ${s.matched}, ran ${s.ranInTurn}, missed ${s.missed}`), 'no request matched a skill strongly')}.</p>` +
    `<p><strong>Never ran:</strong> ${list(c.neverRan, 'none')}.</p>` +
    `<p><strong>Mostly fail</strong> (80 % or more of five or more runs): ${list(c.mostlyFail.map((s) => `${s.name} (${s.failedOrAbandoned} of ${s.runs})`), 'none')}.</p>` +
    `<p><strong>Overlapping skills:</strong> ${list(c.overlaps.map((o) => `${o.a} and ${o.b} (${o.mutualRelevance})`), 'none')}.</p>` +
    `<p><strong>Description lint:</strong> ${list(c.lint.map((l) => `${l.rule} ${l.findings}`), 'nothing found')}.</p>`
  )
}
