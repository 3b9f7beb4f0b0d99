import fs from 'node:fs'
import path from 'node:path'

let cached: string | undefined

/** The folder holding Session Buddy's package.json, from source (tests) or from `out/` (built). */
export function packageRoot(): string {
  if (cached) return cached
  let dir = __dirname
  for (;;) {
    const manifest = path.join(dir, 'package.json')
    if (fs.existsSync(manifest) && JSON.parse(fs.readFileSync(manifest, 'utf8')).name === 'session-buddy') {
      cached = dir
      return dir
    }
    const parent = path.dirname(dir)
    if (parent === dir) throw new Error(`Cannot find Session Buddy's package.json above ${__dirname}`)
    dir = parent
  }
}

export function packageVersion(): string {
  return JSON.parse(fs.readFileSync(path.join(packageRoot(), 'package.json'), 'utf8')).version
}
