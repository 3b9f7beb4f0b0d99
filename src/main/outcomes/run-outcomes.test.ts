import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { describeEvidence } from '../../shared/api/outcomes'
import type { SessionBuddyEvent } from '../events/event-schema'
import { importTranscripts } from '../imports/claude-code/transcript-importer'
import { TranscriptTranslator } from '../imports/claude-code/transcript-translator'
import { EventProjector } from '../ingest/event-projector'
import { databaseWithProject } from '../test-support/project-db'
import { tempDir } from '../test-support/temp-dir'
import { TranscriptLines } from '../test-support/transcript-lines'
import { OUTCOME_RULES } from './outcome-rules'

type Outcome = Extract<ReturnType<TranscriptTranslator['sessionsOver']>[number], { type: 'skill.outcome_inferred' }>

/** The last outcome reported for each run, after the session is over when `over` is set. */
function outcomes(lines: TranscriptLines, over = false): Map<string, Outcome> {
  const translator = new TranscriptTranslator('sess-outcomes')
  const events = lines.toLines().flatMap((line) => {
    const result = translator.translate(line)
    return 'skipped' in result ? [] : result.events
  })
  if (over) events.push(...translator.sessionsOver())
  const last = new Map<string, Outcome>()
  for (const e of events) if (e.type === 'skill.outcome_inferred') last.set(e.invocation_id, e as Outcome)
  return last
}

describe('run spans and inferred outcomes', () => {
  it('a clean turn followed by thanks: completed, spanning to the turn end, with its tests and commit', () => {
    const t = new TranscriptLines()
      .prompt(0, 'fix the flaky date test')
      .skill(2, 'toolu_1', 'systematic-debugging')
      .bash(5, 'toolu_2', 'npm test -- dates', true)
      .bash(9, 'toolu_3', 'git commit -am "Fix date test"', true)
      .text(12, 'Fixed: the test used local time.')
      .turnEnd(12)
      .prompt(60, 'great, thanks!')
    const run = outcomes(t).get('toolu_1')!
    expect(run).toMatchObject({ outcome: 'completed', ts: t.at(12), duration_ms: 10_000, follow_up_actions: ['tests passed', 'git commit'] })
    expect(run.evidence).toMatchObject({ endedBy: 'turn-end', toolCalls: 2, toolErrors: 0, testRuns: { passed: 1, failed: 0 }, nextPrompt: 'acceptance' })
    expect(describeEvidence(run.evidence)).toBe('1 test run passed; 2 tool calls, 0 failed; then the next prompt accepted the work')
  })

  it('is unknown while nothing has followed the turn, and settles when the next prompt comes', () => {
    const t = new TranscriptLines().prompt(0, 'tidy the README').skill(2, 'toolu_1', 'docs').text(8, 'Done.').turnEnd(8)
    expect(outcomes(t).get('toolu_1')).toMatchObject({ outcome: 'unknown', duration_ms: 6_000, evidence: { nextPrompt: 'pending' } })
    // Once the transcript has been quiet past OUTCOME_RULES.sessionIdleEndMs, no prompt followed: the work stood.
    expect(outcomes(t, true).get('toolu_1')).toMatchObject({ outcome: 'completed', evidence: { nextPrompt: 'none' } })
  })

  it('failing tool calls and a correcting next prompt: failed, with the evidence that says so', () => {
    const t = new TranscriptLines()
      .prompt(0, 'make the build green')
      .skill(2, 'toolu_1', 'crackerjack-run')
      .bash(4, 'toolu_2', 'pytest -q', false)
      .bash(8, 'toolu_3', 'pytest -q', true)
      .bash(12, 'toolu_4', 'pytest -q', false)
      .text(15, 'The tests pass now.')
      .prompt(40, "no, that didn't work, the CI job is still red")
    const run = outcomes(t).get('toolu_1')!
    expect(run).toMatchObject({ outcome: 'failed', error_type: 'user_correction', ts: t.at(15), evidence: { endedBy: 'next-prompt', testRuns: { passed: 1, failed: 2 }, nextPrompt: 'correction' } })
    expect(describeEvidence(run.evidence)).toBe('2 of 3 test runs failed; 3 tool calls, 2 failed, the last one failing; then the next prompt was a correction')
  })

  it(`fails a turn that ends on ${OUTCOME_RULES.failingTailCalls} failing calls with no success after, but not on one`, () => {
    const endingOn = (failures: number) => {
      const t = new TranscriptLines().prompt(0, 'deploy the preview').skill(2, 'toolu_1', 'deploy').bash(4, 'ok', 'make build', true)
      for (let i = 0; i < failures; i++) t.bash(10 + i * 5, `bad-${i}`, 'make deploy', false)
      return outcomes(t.text(40, 'The deploy keeps failing.').turnEnd(40).prompt(90, 'let us look at the logs tomorrow')).get('toolu_1')!
    }
    expect(endingOn(OUTCOME_RULES.failingTailCalls - 1)).toMatchObject({ outcome: 'completed', evidence: { trailingFailures: 1 } })
    expect(endingOn(OUTCOME_RULES.failingTailCalls)).toMatchObject({ outcome: 'failed', error_type: 'tool_errors', evidence: { trailingFailures: 2 } })
    expect(endingOn(OUTCOME_RULES.failingTailCalls + 1)).toMatchObject({ outcome: 'failed', evidence: { trailingFailures: 3 } })
  })

  it('an interrupted turn, and a rejected tool use: abandoned where the user stopped it', () => {
    const interrupted = new TranscriptLines().prompt(0, 'rename the module').skill(2, 'toolu_1', 'refactor').bash(4, 'toolu_2', 'ls', true).interrupt(20).prompt(25, 'leave it as is')
    expect(outcomes(interrupted).get('toolu_1')).toMatchObject({ outcome: 'abandoned', ts: interrupted.at(20), duration_ms: 18_000, evidence: { endedBy: 'interrupt', interrupted: true } })

    const rejected = new TranscriptLines()
      .prompt(0, 'rename the module')
      .skill(2, 'toolu_1', 'refactor')
      .tool(4, 'toolu_2', 'Edit', { file_path: '/home/dev/app/a.py', old_string: 'a', new_string: 'b' })
      .result(9, 'toolu_2', "The user doesn't want to proceed with this tool use. The tool use was rejected (eg. if it was a file edit, the new_string was NOT written to the file). STOP what you are doing and wait for the user to tell you how to proceed.", true)
      .interrupt(9, true)
    expect(outcomes(rejected).get('toolu_1')).toMatchObject({ outcome: 'abandoned', ts: rejected.at(9), evidence: { interrupted: true } })
  })

  it('a session that ends mid-turn: abandoned once the transcript has gone quiet, running until then', () => {
    const t = new TranscriptLines().prompt(0, 'migrate the schema').skill(2, 'toolu_1', 'db-migrate').tool(5, 'toolu_2', 'Bash', { command: 'alembic upgrade head' })
    expect(outcomes(t).get('toolu_1')).toBeUndefined()
    expect(outcomes(t, true).get('toolu_1')).toMatchObject({ outcome: 'abandoned', ts: t.at(5), evidence: { endedBy: 'session-end' } })
  })

  it('a skill inside another skill’s turn: both end with the turn, each counting its own span', () => {
    const t = new TranscriptLines()
      .prompt(0, 'ship the release')
      .skill(2, 'toolu_outer', 'release')
      .bash(4, 'toolu_2', 'npm test', true)
      .skill(10, 'toolu_inner', 'changelog')
      .bash(12, 'toolu_3', 'git push origin main', true)
      .text(20, 'Released 1.4.0.')
      .turnEnd(20)
      .prompt(30, 'perfect')
    const runs = outcomes(t)
    expect(runs.get('toolu_outer')).toMatchObject({ outcome: 'completed', ts: t.at(20), duration_ms: 18_000, evidence: { toolCalls: 2 } })
    expect(runs.get('toolu_inner')).toMatchObject({ outcome: 'completed', ts: t.at(20), duration_ms: 10_000, evidence: { toolCalls: 1 }, follow_up_actions: ['git push'] })
  })

  it('a typed slash command runs until its turn ends, like a Skill call', () => {
    const t = new TranscriptLines().command(0, 'session-checkpoint', 'before release').bash(3, 'toolu_1', 'git status', true).text(6, 'Checkpoint saved.').prompt(50, 'now bump the version')
    const [run] = [...outcomes(t).values()]
    expect(run).toMatchObject({ skill: 'session-checkpoint', outcome: 'completed', duration_ms: 6_000, evidence: { endedBy: 'next-prompt', nextPrompt: 'new-request' } })
  })

  it('too little evidence: a run in whose span nothing happened is unknown, never guessed as completed', () => {
    const t = new TranscriptLines().command(0, 'deploy-check').command(5, 'compact')
    const [run] = [...outcomes(t).values()]
    expect(run).toMatchObject({ skill: 'deploy-check', outcome: 'unknown', duration_ms: 0, evidence: { assistantReplies: 0, toolCalls: 0 } })
    expect(describeEvidence(run!.evidence)).toBe('nothing happened in its span; then the next prompt moved on to a new request')
  })

  it('the skill tool’s own error fails the run at once', () => {
    const t = new TranscriptLines().prompt(0, 'commit this').tool(2, 'toolu_1', 'Skill', { skill: 'commit' }).result(3, 'toolu_1', 'Bash command failed for pattern', true)
    expect(outcomes(t).get('toolu_1')).toMatchObject({ outcome: 'failed', error_type: 'skill_tool_error', duration_ms: 1_000, evidence: { skillToolError: true } })
  })
})

describe('outcomes in the database', () => {
  it('an explicit outcome always wins over an inferred one, whichever arrives first', async () => {
    const t = await databaseWithProject()
    const projector = new EventProjector(t.sqlite)
    const event = (type: string, extra: Record<string, unknown>) =>
      ({ v: 1, id: crypto.randomUUID(), ts: '2026-11-20T09:00:10.000Z', session_id: 's1', invocation_id: 'inv-1', skill: 'deploy', type, ...extra }) as SessionBuddyEvent
    const inferred = event('skill.outcome_inferred', { outcome: 'failed', duration_ms: 5_000, evidence: { endedBy: 'next-prompt', toolCalls: 1, toolErrors: 1, trailingFailures: 1, apiErrors: 0, testRuns: { passed: 0, failed: 0 }, interrupted: false, nextPrompt: 'correction' } })
    const row = () => t.sqlite.prepare("select status, outcome_source, evidence is not null as has_evidence, duration_ms from skill_invocations where source_ref = 'inv:inv-1'").get()

    projector.apply(event('skill.invoked', { ts: '2026-11-20T09:00:00.000Z' }), t.project)
    projector.apply(event('skill.completed', { duration_ms: 4_000 }), t.project)
    projector.apply(inferred, t.project)
    expect(row()).toEqual({ status: 'completed', outcome_source: 'explicit', has_evidence: 0, duration_ms: 4_000 })

    const other = { ...inferred, invocation_id: 'inv-2' } as SessionBuddyEvent
    projector.apply(other, t.project)
    expect(t.sqlite.prepare("select status, outcome_source from skill_invocations where source_ref = 'inv:inv-2'").get()).toEqual({ status: 'failed', outcome_source: 'inferred' })
    projector.apply(event('skill.completed', { invocation_id: 'inv-2' }), t.project)
    expect(t.sqlite.prepare("select status, outcome_source, evidence from skill_invocations where source_ref = 'inv:inv-2'").get()).toEqual({ status: 'completed', outcome_source: 'explicit', evidence: null })
  })

  it('a run abandoned because its completer never came has no end and no duration; one abandoned at session end spans to it', async () => {
    const t = await databaseWithProject()
    const projector = new EventProjector(t.sqlite)
    const event = (type: string, id: string, ts: string, extra: Record<string, unknown> = {}) =>
      ({ v: 1, id: crypto.randomUUID(), ts, session_id: 's1', invocation_id: id, skill: 'deploy', type, ...extra }) as SessionBuddyEvent
    projector.apply(event('skill.invoked', 'timeout', '2026-11-20T09:00:00.000Z'), t.project)
    projector.apply(event('skill.abandoned', 'timeout', '2026-11-20T11:00:00.000Z', { reason: 'timed out' }), t.project)
    projector.apply(event('skill.invoked', 'ended', '2026-11-20T09:00:00.000Z'), t.project)
    projector.apply(event('skill.abandoned', 'ended', '2026-11-20T09:05:00.000Z', { reason: 'session ended' }), t.project)
    const rows = t.sqlite.prepare('select source_ref, status, ended_at, duration_ms from skill_invocations order by source_ref').all()
    expect(rows).toEqual([
      { source_ref: 'inv:ended', status: 'abandoned', ended_at: '2026-11-20T09:05:00.000Z', duration_ms: 300_000 },
      { source_ref: 'inv:timeout', status: 'abandoned', ended_at: null, duration_ms: null },
    ])
  })

  it('an import that stops inside a turn resumes at its prompt and re-derives the run whole', async () => {
    const t = await databaseWithProject()
    const lines = new TranscriptLines(t.projectPath)
      .prompt(0, 'fix the login page')
      .skill(2, 'toolu_1', 'frontend-debug')
      .bash(4, 'toolu_2', 'npx playwright test login', false)
      .bash(10, 'toolu_3', 'npx playwright test login', true)
      .text(14, 'Login works again.')
      .turnEnd(14)
      .toLines()
    const file = path.join(tempDir(), 'sess-outcomes.jsonl')
    fs.writeFileSync(file, `${lines.slice(0, 5).join('\n')}\n`)
    await importTranscripts(t.sqlite, { roots: [file] })
    const row = () => t.sqlite.prepare('select status, duration_ms, evidence from skill_invocations').get() as { status: string; duration_ms: number | null; evidence: string | null }
    expect(row()).toMatchObject({ status: 'running', duration_ms: null })

    fs.appendFileSync(file, `${lines.slice(5).join('\n')}\n`)
    await importTranscripts(t.sqlite, { roots: [file] })
    expect(row()).toMatchObject({ status: 'unknown', duration_ms: 12_000 })
    expect(JSON.parse(row().evidence!)).toMatchObject({ toolCalls: 2, toolErrors: 1, testRuns: { passed: 1, failed: 1 }, nextPrompt: 'pending' })

    fs.appendFileSync(file, `${new TranscriptLines(t.projectPath).prompt(60, 'still broken on Safari').toLines()[0]!.replace('line-1', 'line-next')}\n`)
    await importTranscripts(t.sqlite, { roots: [file] })
    expect(row()).toMatchObject({ status: 'failed', duration_ms: 12_000 })
    expect(JSON.parse(row().evidence!)).toMatchObject({ toolCalls: 2, nextPrompt: 'correction' })
    expect(t.sqlite.prepare('select count(*) from skill_invocations').pluck().get()).toBe(1)
  })
})
