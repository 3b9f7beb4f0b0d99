import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { openAppContext } from '../../src/main/app-context'
import { EventWriter } from '../../src/main/events/event-writer'
import { readTeamMetrics } from '../../src/main/team-metrics/metrics-snapshot'
import { trackingState } from '../../src/main/tracking/tracking-state'
import { seed } from './insights.bench'
import { ms, report, summary, timeRuns } from './stats'

/** Writes `count` skill runs (invoked + completed) into a project's event log, as hooks do. */
function writeRuns(project: string, count: number, tag: string): void {
  const writer = new EventWriter(project)
  for (let i = 0; i < count; i++) {
    writer.append({ type: 'skill.invoked', session_id: `${tag}-${i % 50}`, invocation_id: `${tag}-${i}`, skill: `skill-${i % 30}` })
    writer.append({ type: 'skill.completed', session_id: `${tag}-${i % 50}`, invocation_id: `${tag}-${i}`, skill: `skill-${i % 30}` })
  }
}

/**
 * Team metrics at 100 projects and 1M runs: the scrape (target < 100 ms), the snapshot rebuild it serves from,
 * and what ingest costs with the exporter on. Also the desktop tray's status query at that size.
 */
export async function benchTeams(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'session-buddy-bench-teams-'))
  try {
    const context = await openAppContext({ dataDir: dir, claudeConfigDirs: [], transcriptRoots: [] })
    const sqlite = context.database.sqlite
    seed(sqlite, 100, 10_000)
    sqlite.prepare("insert into tool_calls (tool_use_id, project_id, session_id, name, started_at, status) select 't' || id, project_id, session_id, case id % 5 when 0 then 'Bash' when 1 then 'Read' when 2 then 'Edit' when 3 then 'Grep' else 'Skill' end, started_at, case when id % 13 = 0 then 'error' else 'ok' end from skill_invocations").run()
    sqlite.prepare("insert into token_usage (dedupe_key, project_id, session_id, ts, model, input_tokens, output_tokens, cache_creation_tokens, cache_read_tokens) select 'k' || id, project_id, session_id, started_at, case id % 3 when 0 then 'claude-opus-4-6' when 1 then 'claude-sonnet-4-5' else 'claude-haiku-4-5' end, 1200, 300, 100, 5000 from skill_invocations").run()
    context.insights.refresh()
    const runs = sqlite.prepare('select count(*) from skill_invocations').pluck().get() as number
    report('teams: dataset', `${runs.toLocaleString('en')} runs and as many tool calls and token rows, 100 projects`)

    const rebuild = await timeRuns(5, () => readTeamMetrics(sqlite, { includeProjectNames: false }), 1)
    report('teams: snapshot rebuild (after data changes; a worker thread in the built app)', summary(rebuild))

    await context.teamMetrics.start({ port: 0 })
    const view = await context.teamMetrics.view()
    const headers = { authorization: `Bearer ${context.teamMetrics.token()}` }
    let text = ''
    const scrape = await timeRuns(
      30,
      async () => {
        text = await (await fetch(view.prometheus.url!, { headers })).text()
      },
      3,
    )
    const samples = text.split('\n').filter((line) => line && !line.startsWith('#')).length
    report('teams: scrape /metrics over HTTP, 100 projects, 1M runs (target < 100 ms)', `${summary(scrape)}, ${(text.length / 1024).toFixed(0)} KB, ${samples} time series`)

    const tray = await timeRuns(10, () => trackingState(sqlite, null), 2)
    report('desktop: tray status (runs today, last ingest problem) at 1M runs', summary(tray))

    // Ingest with the exporter off and on, alternately, after two warm-up rounds (the first ingests into a
    // new project pay one-off costs of seconds either way). The exporter only marks its snapshot stale on a
    // change, and rebuilds it later.
    const project = fs.mkdtempSync(path.join(dir, 'project-'))
    await context.handlers['projects-add']({ path: project })
    await context.teamMetrics.close()
    const times: Record<'warm-up' | 'off' | 'on', number[]> = { 'warm-up': [], off: [], on: [] }
    for (const [round, mode] of (['warm-up', 'warm-up', 'off', 'on', 'off', 'on', 'off', 'on'] as const).entries()) {
      if (mode === 'on') await context.teamMetrics.start({ port: 0 })
      writeRuns(project, 5000, `round-${round}`)
      const started = performance.now()
      await context.handlers['ingest-run']({})
      times[mode].push(performance.now() - started)
      if (mode === 'on') await context.teamMetrics.close()
    }
    for (const mode of ['warm-up', 'off', 'on'] as const) report(`teams: ingest 5,000 runs (10,000 events), exporter ${mode === 'warm-up' ? 'off, warm-up' : mode}`, times[mode].map(ms).join(', '))
    const started = performance.now()
    context.insights.refresh()
    readTeamMetrics(sqlite, { includeProjectNames: false })
    report('teams: the exporter\'s deferred work after that ingest (summaries + snapshot)', ms(performance.now() - started))
    await context.close()
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
}
