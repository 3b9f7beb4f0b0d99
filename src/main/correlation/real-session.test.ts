import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { EventFileIngester } from '../ingest/event-file-ingester'
import { eventsDir } from '../events/event-log-paths'
import { importTranscripts } from '../imports/claude-code/transcript-importer'
import { addProjectRow, databaseWithProject } from '../test-support/project-db'
import { SHARED_AVAILABLE, SHARED_SKIP_MESSAGE, corpusPath } from '../test-support/shared-corpus'
import { tempDir } from '../test-support/temp-dir'
import { WorkflowEventTracker } from '../workflows/workflow-event-tracker'
import { correlateSession } from './correlator'
import { renderSessionReport } from './session-report'
import { loadTimeline } from './timeline.repository'

const TRANSCRIPT = 'marot__spotter/test/fixtures/transcripts/ae4a77f8-aedd-4bc1-888f-c94edc91af04.jsonl'

describe.skipIf(!SHARED_AVAILABLE)(`a real Claude Code session with workflow events ${SHARED_AVAILABLE ? '' : SHARED_SKIP_MESSAGE}`, () => {
  it('joins the transcript’s skill call with workflow runs emitted for the same session', async () => {
    const t = await databaseWithProject()
    const file = corpusPath('transcripts', TRANSCRIPT)
    const first = JSON.parse(fs.readFileSync(file, 'utf8').split('\n').find((l) => l.includes('"cwd"'))!) as { cwd: string; sessionId: string }
    // The transcript's folder does not exist here, so the project is registered by its path alone.
    const projectId = addProjectRow(t.database, first.cwd)
    await importTranscripts(t.sqlite, { roots: [file] })

    // The skill called at 14:12:33 runs until its turn ends at 14:34:19.464; a runner starts a check 4 s later and a node fails.
    const workflowDir = tempDir()
    let clock = Date.parse('2026-02-12T14:34:23.464Z')
    const tracker = new WorkflowEventTracker(workflowDir, first.sessionId, () => new Date(clock))
    const run = tracker.workflowStarted('docs-check', 'Docs check')
    tracker.nodeStarted(run, 'fetch')
    clock += 3_000
    tracker.nodeCompleted(run, 'fetch')
    tracker.nodeStarted(run, 'verify')
    clock += 2_000
    tracker.nodeFailed(run, 'verify', 'link not found')
    tracker.workflowCompleted(run, 'failed')
    const ingester = new EventFileIngester(t.sqlite)
    for (const name of fs.readdirSync(eventsDir(workflowDir))) ingester.ingest(path.join(eventsDir(workflowDir), name), { id: projectId, storePrompts: false })

    const timeline = loadTimeline(t.sqlite, first.sessionId)!
    expect(timeline.invocations.map((i) => [i.skill, i.status])).toEqual([['elixir:hex-docs-search', 'completed']])
    expect(timeline.runs.map((r) => [r.name, r.status, r.nodes.map((n) => n.status)])).toEqual([['Docs check', 'failed', ['completed', 'failed']]])

    const c = correlateSession(timeline)
    expect(c.skills).toEqual({ total: 1, completed: 1, failed: 0, abandoned: 0 })
    expect(c.nodes).toEqual({ total: 2, completed: 1, failed: 1 })
    expect(c.skillToWorkflowDelays).toEqual([{ skill: 'elixir:hex-docs-search', invocationId: timeline.invocations[0]!.id, runName: 'Docs check', delayMs: 4_000 }])
    expect(c.linkedRunShare).toBe(1)
    expect(c.failedNodesAfterSkills).toMatchObject([{ skill: 'elixir:hex-docs-search', node: 'verify', error: 'link not found' }])
    expect(c.skillTimeMs).toBe(Date.parse(timeline.invocations[0]!.endedAt!) - Date.parse(timeline.invocations[0]!.startedAt))

    const report = renderSessionReport(timeline, c)
    expect(report).toContain(`# Session ${first.sessionId}`)
    expect(report).toContain('| verify | Docs check |')
    expect(report).toMatch(/\*\*Pattern: (interactive|automated|mixed)\*\*/)
  })
})
