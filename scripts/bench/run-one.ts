// `npx tsx scripts/bench/run-one.ts tracking`: one section of the benchmark, for quick iteration.
import './css-as-text'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { benchFoundation } from './foundation.bench'
import { benchCorrelation } from './correlation.bench'
import { benchLive } from './live.bench'
import { benchTracking, benchTranscripts } from './tracking.bench'
import { benchSearch } from './search.bench'
import { benchInsights } from './insights.bench'
import { benchManyEventFiles } from './reliability.bench'
import { benchHistory } from './history.bench'
import { benchTeams } from './teams.bench'

const root = path.resolve(__dirname, '..', '..')
const corpus = path.resolve(root, '..', 'shared', 'corpus')
const sections: Record<string, () => Promise<void>> = {
  foundation: () => benchFoundation(root),
  tracking: () => benchTracking(root, fs.existsSync(corpus) ? corpus : null),
  transcripts: () => benchTranscripts(corpus, fs.mkdtempSync(path.join(os.tmpdir(), 'session-buddy-bench-transcripts-'))),
  live: () => benchLive(root),
  correlation: () => benchCorrelation(root),
  search: () => benchSearch(fs.existsSync(corpus) ? corpus : null),
  insights: () => benchInsights(),
  reliability: () => benchManyEventFiles(root),
  history: () => benchHistory(fs.existsSync(corpus) ? corpus : null),
  teams: () => benchTeams(),
}
const name = process.argv[2] ?? ''
const run = sections[name]
if (!run) {
  console.error(`usage: tsx scripts/bench/run-one.ts ${Object.keys(sections).join('|')}`)
  process.exit(2)
}
void run()
