import type { InsightsView } from '../../shared/api/insights'
import { RECOMMENDATION_LABELS } from '../../shared/recommendation-labels'
import type { ReportModel } from './report-model'
import { dur, pct } from './report-format'

const md = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ')

export function windowLabel(view: InsightsView): string {
  return view.window.from ? `${view.window.from} to ${view.window.until} (${view.window.days} days)` : `all time up to ${view.window.until}`
}

/** What the export leaves out, said in the export itself. */
export function privacyNote(model: ReportModel): string {
  const { includeProjectNames, includePaths, includePrompts } = model.privacy
  return [
    includeProjectNames ? 'Project names are shown.' : 'Projects appear under stable pseudonyms.',
    includePaths ? 'Project folders are listed.' : 'No file paths.',
    includePrompts ? 'Example requests are included.' : 'No prompts or requests.',
  ].join(' ')
}

export function toMarkdown(model: ReportModel): string {
  const v = model.insights
  const effective = v.patterns.filter((p) => p.effective)
  const lines: string[] = [
    `# ${model.title}`,
    '',
    `${windowLabel(v)} · ${v.projects.length} ${v.projects.length === 1 ? 'project' : 'projects'} · generated ${model.generatedAt}`,
    '',
    `_${privacyNote(model)}_`,
    '',
    '## Totals',
    '',
    `- Scope: ${v.scope.label}; rates count runs whose outcome is known, durations count ended runs`,
    `- Skill uses: ${v.totals.invocations} (completed ${v.totals.completed}, failed ${v.totals.failed}, abandoned ${v.totals.abandoned}, unknown ${v.totals.unknown})`,
    `- Skills: ${v.totals.skills}; sessions with skills: ${v.totals.sessionsWithSkills}`,
    '',
    '## Effectiveness per skill',
    '',
    '| Skill | Uses | Completed | Failed | Abandoned | Median | p95 | Projects |',
    '|---|---:|---:|---:|---:|---:|---:|---:|',
    ...v.skills.map((s) => `| ${md(s.skill)}${s.smallSample ? ' (small sample)' : ''} | ${s.invocations} | ${pct(s.completionRate)} | ${s.failed} | ${s.abandoned} | ${dur(s.p50Ms)} | ${dur(s.p95Ms)} | ${s.projects} |`),
    '',
    '## By project type',
    '',
    '| Type | Projects | Uses | Completed | Most used |',
    '|---|---:|---:|---:|---|',
    ...v.byProjectType.map((t) => `| ${md(t.projectType)} | ${t.projects} | ${t.invocations} | ${pct(t.completionRate)} | ${md(t.topSkills.slice(0, 4).map((s) => s.skill).join(', '))} |`),
    '',
    '## Effective sequences',
    '',
    '_Lift above 1 in at least five sessions._',
    '',
    ...(effective.length
      ? ['| Sequence | Sessions | Support | Last step completed | Alone | Lift |', '|---|---:|---:|---:|---:|---:|', ...effective.slice(0, 20).map((p) => `| ${md(p.steps.join(' → '))} | ${p.sessions} | ${pct(p.support)} | ${p.completed} of ${p.sessions} | ${pct(p.baselineRate)} | ${p.lift === null ? '–' : p.lift.toFixed(2)} |`)]
      : ['No sequence has a lift above 1 in five or more sessions.']),
    '',
    '## Recommendations',
    '',
    ...(v.recommendations.length ? v.recommendations.map((r) => `- **${md(r.title)}** (${RECOMMENDATION_LABELS[r.kind].toLowerCase()}): ${md(r.reason)}`) : ['Nothing stands out yet.']),
    '',
    ...coverageMarkdown(model),
    '## Projects',
    '',
    '| Project | Type | Uses | Completed |',
    '|---|---|---:|---:|',
    ...v.projects.map((p) => `| ${md(p.name)} | ${p.projectType} | ${p.invocations} | ${pct(p.completionRate)} |`),
  ]
  if (model.projectPaths.length) lines.push('', '## Project folders', '', ...model.projectPaths.map((p) => `- ${md(p.project)}: \`${p.path}\``))
  if (model.exampleRequests.length) lines.push('', '## Example requests', '', ...model.exampleRequests.flatMap((e) => [`- **${md(e.skill)}**`, ...e.requests.map((r) => `  - ${md(r)}`)]))
  return `${lines.join('\n')}\n`
}

/** One row per skill: the table most people open in a spreadsheet. */
export function toCsv(model: ReportModel): string {
  const header = ['skill', 'invocations', 'completed', 'failed', 'abandoned', 'unknown', 'running', 'completion_rate', 'failure_rate', 'abandonment_rate', 'p50_ms', 'p95_ms', 'duration_samples', 'projects', 'small_sample']
  const rows = model.insights.skills.map((s) =>
    [s.skill, s.invocations, s.completed, s.failed, s.abandoned, s.unknown, s.running, s.completionRate, s.failureRate, s.abandonmentRate, s.p50Ms === null ? null : Math.round(s.p50Ms), s.p95Ms === null ? null : Math.round(s.p95Ms), s.durationSamples, s.projects, s.smallSample].map(csvCell).join(','),
  )
  return `${[header.join(','), ...rows].join('\n')}\n`
}

export function toJson(model: ReportModel): string {
  return `${JSON.stringify(model, null, 2)}\n`
}

/** One CSV cell. A text cell a spreadsheet would run as a formula (OWASP: = + - @, tab, CR first) gets a leading quote. */
export function csvCell(value: unknown): string {
  const raw = value === null || value === undefined ? '' : typeof value === 'number' ? String(Math.round(value * 1000) / 1000) : String(value)
  const text = typeof value === 'string' && /^[=+\-@\t\r]/.test(raw) ? `'${raw}` : raw
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

function coverageMarkdown(model: ReportModel): string[] {
  const c = model.coverage
  if (!c) return []
  return [
    '## Coverage',
    '',
    `${c.skills} catalogued skills and commands. Never ran: ${c.neverRan.length ? c.neverRan.map(md).join(', ') : 'none'}.`,
    '',
    `Trigger rate (requests a skill matched strongly, turns it ran in, turns no skill ran): ${c.triggers.length ? c.triggers.map((s) => `${md(s.name)} matched ${s.matched}, ran ${s.ranInTurn}, missed ${s.missed}`).join('; ') : 'no request matched a skill strongly'}.`,
    '',
    `Overlapping skills: ${c.overlaps.length ? c.overlaps.map((o) => `${md(o.a)} and ${md(o.b)} (${o.mutualRelevance})`).join(', ') : 'none'}.`,
    '',
    `Mostly fail (80 % or more of five or more runs): ${c.mostlyFail.length ? c.mostlyFail.map((s) => `${md(s.name)} (${s.failedOrAbandoned} of ${s.runs})`).join(', ') : 'none'}.`,
    '',
    `Description lint: ${c.lint.length ? c.lint.map((l) => `${l.rule} ${l.findings}`).join(', ') : 'nothing found'}.`,
    '',
  ]
}
