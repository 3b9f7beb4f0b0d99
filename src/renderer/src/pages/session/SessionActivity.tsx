import { Link } from 'wouter'
import type { SessionTimeline } from '../../../../shared/api/correlation'
import { RunOutcome } from '../../components/RunOutcome'
import { formatDuration } from '../../format'
import { skillLink } from '../skill/SkillPage'

type Entry =
  | { kind: 'prompt'; at: string; text: string | null }
  | { kind: 'skill'; at: string; run: SessionTimeline['invocations'][number] }
  | { kind: 'workflow'; at: string; run: SessionTimeline['runs'][number] }

const ORDER = { prompt: 0, skill: 1, workflow: 2 }

/** The session's prompts, skill runs and workflow runs as one list in time order, beside the timeline's picture of them. */
export function SessionActivity({ session }: { session: SessionTimeline }) {
  const entries: Entry[] = [
    ...session.prompts.map((p): Entry => ({ kind: 'prompt', at: p.ts, text: p.text })),
    ...session.invocations.map((run): Entry => ({ kind: 'skill', at: run.startedAt, run })),
    ...session.runs.map((run): Entry => ({ kind: 'workflow', at: run.startedAt, run })),
  ].sort((a, b) => a.at.localeCompare(b.at) || ORDER[a.kind] - ORDER[b.kind])
  if (entries.length === 0) return <p className="empty-state">Nothing was recorded in this session yet.</p>
  return (
    <ol className="activity card" aria-label="What happened, in order">
      {entries.map((entry, i) => (
        <li key={i} className={`activity-${entry.kind}`}>
          <time className="activity-time" dateTime={entry.at}>
            {new Date(entry.at).toLocaleTimeString()}
          </time>
          <div className="activity-body">{describe(entry)}</div>
        </li>
      ))}
    </ol>
  )
}

function describe(entry: Entry) {
  if (entry.kind === 'prompt')
    return entry.text ? (
      <>
        <span className="activity-kind">Prompt</span> <q className="activity-prompt">{entry.text}</q>
      </>
    ) : (
      <>
        <span className="activity-kind">Prompt</span> <span className="cell-sub">(its text is not stored for this project)</span>
      </>
    )
  if (entry.kind === 'skill') {
    const run = entry.run
    return (
      <>
        <span className="activity-kind">Skill</span> <Link href={skillLink(run.skill)}>{run.skill}</Link> · {formatDuration(run.durationMs)} ·{' '}
        <RunOutcome status={run.status} outcomeSource={run.outcomeSource} evidence={run.evidence} />
      </>
    )
  }
  const run = entry.run
  const failed = run.nodes.filter((n) => n.status === 'failed')
  return (
    <>
      <span className="activity-kind">Workflow</span> {run.name} · {formatDuration(run.durationMs)} · <span className={`tag status-${run.status}`}>{run.status}</span>
      {run.nodes.length > 0 && (
        <span className="cell-sub">
          {' '}
          · {run.nodes.length} {run.nodes.length === 1 ? 'step' : 'steps'}
          {failed.length > 0 && `, failed: ${failed.map((n) => n.name).join(', ')}`}
        </span>
      )}
    </>
  )
}
