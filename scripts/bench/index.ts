import path from 'node:path'
import fs from 'node:fs'
import { benchFoundation } from './foundation.bench'
import { benchCorrelation } from './correlation.bench'
import { benchLive } from './live.bench'
import { benchTracking } from './tracking.bench'
import { benchSearch } from './search.bench'
import { benchInsights } from './insights.bench'
import { benchManyEventFiles } from './reliability.bench'

// `npm run bench`: prints numbers for each issue's targets. Timed here, never asserted in tests.
async function main(): Promise<void> {
  const root = path.resolve(__dirname, '..', '..')
  console.log(`Session Buddy benchmarks on ${process.platform}/${process.arch}, Node ${process.version}`)
  console.log('\n## Foundation')
  await benchFoundation(root)
  const corpus = path.resolve(root, '..', 'shared', 'corpus')
  console.log('\n## Tracking')
  await benchTracking(root, fs.existsSync(corpus) ? corpus : null)
  await benchLive(root)
  console.log('\n## Correlation and timeline')
  await benchCorrelation(root)
  console.log('\n## Skill search')
  await benchSearch(fs.existsSync(corpus) ? corpus : null)
  console.log('\n## Insights and reports')
  await benchInsights()
  console.log('\n## Reliability')
  await benchManyEventFiles(root)
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
