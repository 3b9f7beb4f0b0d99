import './css-as-text'
import path from 'node:path'
import fs from 'node:fs'
import { benchFoundation } from './foundation.bench'
import { benchCorrelation } from './correlation.bench'
import { benchLive } from './live.bench'
import { benchTracking } from './tracking.bench'
import { benchSearch } from './search.bench'
import { benchInsights } from './insights.bench'
import { benchManyEventFiles } from './reliability.bench'
import { benchHistory } from './history.bench'
import { benchTeams } from './teams.bench'
import { report } from './stats'

/** The process's high-water mark from the OS (cumulative: sections run one after another in this process). */
const peakRss = () => report('peak RSS of the bench process so far (OS maxRSS)', `${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`)

// `npm run bench`: prints numbers for each issue's targets. Timed here, never asserted in tests.
async function main(): Promise<void> {
  const root = path.resolve(__dirname, '..', '..')
  console.log(`Session Buddy benchmarks on ${process.platform}/${process.arch}, Node ${process.version}`)
  console.log('\n## Foundation')
  await benchFoundation(root)
  peakRss()
  const corpus = path.resolve(root, '..', 'shared', 'corpus')
  console.log('\n## Tracking')
  await benchTracking(root, fs.existsSync(corpus) ? corpus : null)
  await benchLive(root)
  peakRss()
  console.log('\n## Correlation and timeline')
  await benchCorrelation(root)
  peakRss()
  console.log('\n## Skill search')
  await benchSearch(fs.existsSync(corpus) ? corpus : null)
  peakRss()
  console.log('\n## Insights and reports')
  await benchInsights()
  peakRss()
  console.log('\n## Session history')
  await benchHistory(fs.existsSync(corpus) ? corpus : null)
  peakRss()
  console.log('\n## Team metrics and the desktop tray')
  await benchTeams()
  peakRss()
  console.log('\n## Reliability')
  await benchManyEventFiles(root)
  peakRss()
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
