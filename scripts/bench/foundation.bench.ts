import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { openAppContext } from '../../src/main/app-context'
import { startHttpServer } from '../../src/main/server/http-server'
import { openDatabase } from '../../src/main/storage/database'
import zlib from 'node:zlib'
import { ms, report, summary, timeRuns } from './stats'

/** Start-up and API round-trip costs every feature pays. */
export async function benchFoundation(root: string): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'session-buddy-bench-'))
  try {
    const start = performance.now()
    const fresh = await openDatabase(path.join(dir, 'fresh.sqlite'))
    report('open + migrate an empty database', ms(performance.now() - start))
    await fresh.close()

    const context = await openAppContext({ dataDir: path.join(dir, 'data') })
    for (let i = 0; i < 100; i++) {
      const folder = path.join(dir, 'projects', `project-${i}`)
      fs.mkdirSync(folder, { recursive: true })
      await context.handlers['projects-add']({ path: folder })
    }
    const server = await startHttpServer({ handlers: context.handlers, changes: context.changes, staticDir: dir })
    const call = () =>
      fetch(`${server.origin}/api/v1/call/projects-list`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${server.token}` },
        body: '{}',
      }).then((r) => r.json())
    report('HTTP projects-list, 100 projects', summary(await timeRuns(200, call)))
    report('in-process projects-list, 100 projects', summary(await timeRuns(200, () => context.handlers['projects-list']({}))))
    await server.close()
    await context.close()

    const cli = path.join(root, 'bin', 'session-buddy.js')
    const cliTimes = await timeRuns(10, () => spawnSync(process.execPath, [cli, '--data-dir', path.join(dir, 'data'), 'projects', 'list', '--json']), 1)
    report('CLI process: projects list --json, 100 projects', summary(cliTimes))
    // Paired in the same run: what Node alone costs, then the CLI's own start-up (targets: --help <= 250 ms, a read on an empty folder <= 350 ms).
    const empty = path.join(dir, 'empty')
    spawnSync(process.execPath, [cli, '--data-dir', empty, 'projects', 'list'])
    report('node -e 0 (baseline)', summary(await timeRuns(10, () => spawnSync(process.execPath, ['-e', '0']), 1)))
    report('CLI process: --help', summary(await timeRuns(10, () => spawnSync(process.execPath, [cli, '--help']), 1)))
    report('CLI process: skills --json, empty data folder', summary(await timeRuns(10, () => spawnSync(process.execPath, [cli, '--data-dir', empty, 'skills', '--json']), 1)))
    reportFirstPageJs(path.join(root, 'out', 'renderer'))
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
}

/** The JS the first page (Sessions) needs: the entry chunk and the page's own chunks, gzipped (target under 100 KB). */
function reportFirstPageJs(rendererDir: string): void {
  const assets = path.join(rendererDir, 'assets')
  const entry = /src="\.\/assets\/([^"]+\.js)"/.exec(fs.readFileSync(path.join(rendererDir, 'index.html'), 'utf8'))?.[1]
  if (!entry) return report('first page JS', 'entry not found: run npm run build')
  const gz = (name: string) => zlib.gzipSync(fs.readFileSync(path.join(assets, name))).length
  const page = fs.readdirSync(assets).filter((name) => /^SessionsPage-.*\.js$/.test(name))
  const total = gz(entry) + page.reduce((sum, name) => sum + gz(name), 0)
  const all = fs.readdirSync(assets).filter((name) => name.endsWith('.js')).reduce((sum, name) => sum + gz(name), 0)
  report('first page JS (entry + Sessions page), gzip', `${(total / 1024).toFixed(0)} KB of ${(all / 1024).toFixed(0)} KB for every page`)
}
