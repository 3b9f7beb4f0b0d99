import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { addProjectRow, databaseWithProject } from '../../test-support/project-db'
import { SHARED_AVAILABLE, SHARED_SKIP_MESSAGE, corpusPath } from '../../test-support/shared-corpus'
import { tempDir } from '../../test-support/temp-dir'
import { OUTCOME_RULES } from '../../outcomes/outcome-rules'
import { findTranscriptFiles } from './transcript-files'
import { importTranscripts } from './transcript-importer'
import { TranscriptTranslator } from './transcript-translator'

/** Checked by hand against the files: Skill tool calls, and user-typed slash commands that are not built in. */
const EXPECTED_SKILLS: Record<string, string[]> = {
  'JoshKarpel__claude-scriptorium/tests/fixtures/playground.jsonl': ['rule-curator'],
  'JoshKarpel__claude-scriptorium/tests/fixtures/glosses.jsonl': ['debug-gha'], // /review and /copy are built in
  'd-kimuson__claude-code-viewer/mock-global-claude-dir/projects/sample-project/5c0375b4-57a5-4f26-b12d-d022ee4e51b7.jsonl': ['orchestrator'],
  'd-kimuson__claude-code-viewer/mock-global-claude-dir/projects/sample-project/fe5e1c67-53e7-4862-81ae-d0e013e3270b.jsonl': ['orchestrator'],
  'daaain__claude-code-log/test/test_data/edge_cases.jsonl': ['test-command'],
  'marot__spotter/test/fixtures/transcripts/8463c716-a2ea-4c14-9efa-87158ebd9f20.jsonl': ['handgemacht:commit'],
  'marot__spotter/test/fixtures/transcripts/ae4a77f8-aedd-4bc1-888f-c94edc91af04.jsonl': ['elixir:hex-docs-search'],
  'marot__spotter/test/fixtures/transcripts/subagent.jsonl': ['handgemacht:create-beads'],
}

const root = corpusPath('transcripts')
const relative = (file: string) => path.relative(root, file).split(path.sep).join('/')

function cwdsOf(files: string[]): Set<string> {
  const cwds = new Set<string>()
  for (const file of files) {
    for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
      try {
        const value = JSON.parse(line)
        if (value && typeof value.cwd === 'string') cwds.add(value.cwd)
      } catch {
        // counted by the translator test
      }
    }
  }
  return cwds
}

describe.skipIf(!SHARED_AVAILABLE)(`Claude Code transcripts in the shared corpus ${SHARED_AVAILABLE ? '' : SHARED_SKIP_MESSAGE}`, () => {
  const files = SHARED_AVAILABLE ? findTranscriptFiles([root]) : []

  it('translates every line of every file without crashing, counting each skipped line by reason', () => {
    expect(files.length).toBeGreaterThanOrEqual(40)
    const found: Record<string, string[]> = {}
    let skipped = 0
    for (const file of files) {
      const translator = new TranscriptTranslator(path.basename(file, '.jsonl'))
      const lines = fs.readFileSync(file, 'utf8').split('\n').filter((l) => l.trim())
      let translated = 0
      for (const line of lines) {
        const result = translator.translate(line.trim())
        if ('skipped' in result) {
          skipped++
          continue
        }
        translated++
        for (const event of result.events) if (event.type === 'skill.invoked') (found[relative(file)] ??= []).push(event.skill)
      }
      expect(translated + (lines.length - translated), relative(file)).toBe(lines.length)
    }
    expect(found).toEqual(EXPECTED_SKILLS)
    expect(skipped).toBeGreaterThan(0)
  })

  it('imports the invocations of sessions in registered projects, once, however often and from however many copies', async () => {
    const t = await databaseWithProject()
    for (const cwd of cwdsOf(files)) addProjectRow(t.database, cwd)

    // Every corpus session is long over: the clock is set past the idle rule so open runs settle.
    const later = () => Date.now() + OUTCOME_RULES.sessionIdleEndMs + 60_000
    const first = await importTranscripts(t.sqlite, { roots: [root], now: later })
    expect(first.files).toBe(files.length)
    // playground.jsonl and glosses.jsonl have no cwd, so they belong to no project.
    expect(first.skipped['no-cwd']).toBeGreaterThan(0)
    expect(first.skipped['not-json']).toBe(1 + 0) // peek_untitled.jsonl has one broken line
    const rows = () => t.sqlite.prepare('select skill_name, status from skill_invocations order by skill_name, status').all()
    // Checked by hand against the files (docs/outcomes.md walks through them).
    const expected = [
      { skill_name: 'elixir:hex-docs-search', status: 'completed' }, // turn ended after a success; next came /compact
      { skill_name: 'handgemacht:commit', status: 'failed' }, // its tool result is an error
      { skill_name: 'handgemacht:create-beads', status: 'abandoned' }, // "[Request interrupted by user]"
      { skill_name: 'orchestrator', status: 'completed' }, // next prompt "Thanks! …"
      { skill_name: 'orchestrator', status: 'completed' }, // the session's last turn ended on a reply, nothing followed
      { skill_name: 'test-command', status: 'completed' }, // next prompt a new request
    ]
    expect(rows()).toEqual(expected)
    expect(first.invocationsAdded).toBe(6)

    // Files of registered projects resume at their end; only files that belong to no project are read again.
    const unplaced = files.filter((f) => cwdsOf([f]).size === 0).reduce((sum, f) => sum + fs.statSync(f).size, 0)
    const again = await importTranscripts(t.sqlite, { roots: [root], now: later })
    expect(again.invocationsAdded).toBe(0)
    expect(again.bytes).toBeLessThanOrEqual(unplaced)

    // A resumed or forked session repeats earlier lines in a new file: nothing new.
    const copies = tempDir()
    for (const name of Object.keys(EXPECTED_SKILLS)) fs.copyFileSync(path.join(root, name), path.join(copies, `resumed-${path.basename(name)}`))
    const resumed = await importTranscripts(t.sqlite, { roots: [copies], now: later })
    expect(resumed.invocationsFound).toBeGreaterThan(0)
    expect(resumed.invocationsAdded).toBe(0)
    expect(rows()).toEqual(expected)
  })

  it('gives the three real Skill calls the outcomes and evidence checked by hand', () => {
    const outcomes = (name: string) => {
      const translator = new TranscriptTranslator(path.basename(name, '.jsonl'))
      const events = fs
        .readFileSync(path.join(root, name), 'utf8')
        .split('\n')
        .filter((l) => l.trim())
        .flatMap((line) => {
          const result = translator.translate(line)
          return 'skipped' in result ? [] : result.events
        })
        .concat(translator.sessionsOver())
      // The last report of a run is the one that stands.
      return new Map(events.flatMap((e) => (e.type === 'skill.outcome_inferred' ? [[e.skill, e] as const] : [])))
    }
    const hexDocs = outcomes('marot__spotter/test/fixtures/transcripts/ae4a77f8-aedd-4bc1-888f-c94edc91af04.jsonl').get('elixir:hex-docs-search')!
    // Called 14:12:33.717; the turn ends on the Stop hook summary at 14:34:19 (last activity 14:34:19.464).
    // 136 tool calls, 11 errors; the last failing pre-commit run (line 1463) is followed by a success (line 1472);
    // 7 test runs pass; a git commit; the next typed line is /compact, a new request.
    expect(hexDocs).toMatchObject({
      outcome: 'completed',
      ts: '2026-02-12T14:34:19.464Z',
      duration_ms: 1_305_747,
      follow_up_actions: ['tests passed', 'git commit'],
      evidence: { endedBy: 'turn-end', toolCalls: 136, toolErrors: 11, trailingFailures: 0, testRuns: { passed: 7, failed: 0 }, interrupted: false, nextPrompt: 'new-request' },
    })
    const commit = outcomes('marot__spotter/test/fixtures/transcripts/8463c716-a2ea-4c14-9efa-87158ebd9f20.jsonl').get('handgemacht:commit')!
    // The Skill tool's own result is an error ("Bash command failed for pattern … ambiguous argument 'main..HEAD'").
    expect(commit).toMatchObject({ outcome: 'failed', error_type: 'skill_tool_error', duration_ms: 1184, evidence: { endedBy: 'skill-error', skillToolError: true } })
    const curator = outcomes('JoshKarpel__claude-scriptorium/tests/fixtures/playground.jsonl').get('rule-curator')!
    // Eight tool calls after it (WebSearch … mcp__scriptorium__list_quires), ReportFindings failing, the last one
    // succeeding; the session ends on the assistant's closing reply with nothing after it.
    expect(curator).toMatchObject({
      outcome: 'completed',
      ts: '2026-07-25T15:05:15.000Z',
      evidence: { endedBy: 'turn-end', toolCalls: 8, toolErrors: 1, trailingFailures: 0, interrupted: false, nextPrompt: 'none' },
    })
  })

  it('keeps imported history after Claude Code deletes the transcript', async () => {
    const t = await databaseWithProject()
    const source = path.join(root, 'marot__spotter/test/fixtures/transcripts/ae4a77f8-aedd-4bc1-888f-c94edc91af04.jsonl')
    const copy = path.join(tempDir(), 'session.jsonl')
    fs.copyFileSync(source, copy)
    for (const cwd of cwdsOf([copy])) addProjectRow(t.database, cwd)
    await importTranscripts(t.sqlite, { roots: [copy] })
    fs.rmSync(copy)
    await importTranscripts(t.sqlite, { roots: [path.dirname(copy)] })
    expect(t.sqlite.prepare('select skill_name from skill_invocations').pluck().all()).toEqual(['elixir:hex-docs-search'])
    expect(t.sqlite.prepare('select model, git_branch from sessions').get()).toMatchObject({ model: expect.stringMatching(/^claude-/) })
  })
})
