import { useState } from 'react'
import { Link } from 'wouter'
import type { CoverageView, LintFinding, LintRule } from '../../../../shared/api/coverage'
import { plural } from '../../../../shared/plural'
import { useApiQuery } from '../../api/client'
import { PageHeader } from '../../components/PageHeader'
import { QueryState } from '../../components/QueryState'
import { ScopeNote } from '../../components/ScopeNote'
import { sessionsLink } from '../../components/sessions-link'
import { WindowSelect } from '../insights/InsightsWindowPicker'
import { skillLink } from '../skill/SkillPage'
import { OverlapSection, TriggerSection } from './CoverageSections'

const RULE_LABELS: Record<LintRule, string> = {
  'front-matter': 'Front matter Claude Code cannot read',
  'description-empty': 'No description',
  'description-no-when': 'Says what, not when',
  'description-too-long': 'Description over 1,024 characters',
  'name-format': 'Name Claude Code does not accept',
  'duplicate-name': 'Same name in several places',
}

/** Catalogue health: missed triggers, skills that never ran or mostly fail, overlaps, and what in their files keeps Claude Code from picking them. */
export function CoveragePage() {
  const [days, setDays] = useState<number | undefined>(90)
  const view = useApiQuery('skills', 'coverage-get', days ? { days } : {})
  return (
    <section aria-labelledby="page-title">
      <PageHeader
        title="Coverage"
        subtitle="How your skill catalogue holds up: which requests a skill fit but none ran, which skills never ran or mostly fail, which overlap, and what in their files makes Claude Code less likely to choose them."
        actions={
          <div className="filters" role="group" aria-label="Time window">
            <WindowSelect days={days} onChange={setDays} />
          </div>
        }
      />
      <QueryState query={view}>{(data) => <CoverageBody data={data} days={days} />}</QueryState>
    </section>
  )
}

function CoverageBody({ data, days }: { data: CoverageView; days: number | undefined }) {
  const byRule = new Map<LintRule, LintFinding[]>()
  for (const f of data.lint) byRule.set(f.rule, [...(byRule.get(f.rule) ?? []), f])
  return (
    <>
      <ScopeNote scope={data.scope} />
      <p className="result-count" role="status">
        {plural(data.skills, 'catalogued skill or command', 'catalogued skills and commands')} · {plural(data.triggers.missed, 'missed trigger')} · {data.neverRan.length} never ran ·{' '}
        {data.mostlyFail.length} mostly fail · {plural(data.overlaps.length, 'overlapping pair')} · {plural(data.lint.length, 'lint finding')}
      </p>

      {data.skills === 0 && (
        <p className="empty-state">
          No skill files found: the catalogue reads <code>.claude/skills</code> and <code>.claude/commands</code> of tracked projects, <code>~/.claude/skills</code>, and the
          folders added on the <Link href="/search">Search</Link> page.
        </p>
      )}
      {data.skills > 0 && <TriggerSection triggers={data.triggers} days={days} />}
      <h2 className="section-title">Never ran</h2>
      {data.skills === 0 ? null : data.neverRan.length === 0 ? (
        <p className="empty-state">Every catalogued skill ran at least once in this window.</p>
      ) : (
        <ul className="plain-list card coverage-list" aria-label="Skills that never ran">
          {data.neverRan.map((s) => (
            <li key={s.path}>
              <strong>{s.name}</strong> <span className="tag">{s.kind}</span> <code className="cell-sub">{s.path}</code>
            </li>
          ))}
        </ul>
      )}

      <h2 className="section-title">Mostly fail</h2>
      <p className="cell-sub">Five or more runs with a known outcome, and at least 80 % of them failed or abandoned.</p>
      {data.mostlyFail.length === 0 ? (
        <p className="empty-state">No skill fails or is abandoned in most of its runs.</p>
      ) : (
        <ul className="plain-list card coverage-list" aria-label="Skills that mostly fail">
          {data.mostlyFail.map((s) => (
            <li key={s.path}>
              <Link href={skillLink(s.name, 'all', days)}>{s.name}</Link> · {s.failedOrAbandoned} of {s.runs} runs failed or abandoned ·{' '}
              <Link href={sessionsLink({ skill: s.name, status: 'failed' })}>see the sessions</Link>
            </li>
          ))}
        </ul>
      )}

      {data.skills > 0 && <OverlapSection overlaps={data.overlaps} days={days} />}

      <h2 className="section-title">Description lint</h2>
      {data.skills === 0 ? null : data.lint.length === 0 ? (
        <p className="empty-state">Every skill file has readable front matter and a description saying what it does and when to use it.</p>
      ) : (
        [...byRule.entries()].map(([rule, findings]) => (
          <section key={rule} aria-labelledby={`lint-${rule}`}>
            <h3 id={`lint-${rule}`} className="subsection-title">
              {RULE_LABELS[rule]} ({findings.length})
            </h3>
            <ul className="plain-list card coverage-list" aria-label={RULE_LABELS[rule]}>
              {findings.map((f) => (
                <li key={`${f.path}:${f.rule}`}>
                  <strong>{f.name}</strong> <code className="cell-sub">{f.path}</code>
                  <div>{f.message}</div>
                  <div className="cell-sub">Suggestion: {f.suggestion}</div>
                </li>
              ))}
            </ul>
          </section>
        ))
      )}
    </>
  )
}
