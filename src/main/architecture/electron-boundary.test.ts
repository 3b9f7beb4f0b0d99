import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { listFilesDeep } from '../system/files'
import { packageRoot } from '../system/package-root'

// The lint rule no-restricted-imports says the same; this test also catches require() and dynamic import().
const ALLOWED = [path.join('src', 'main', 'electron') + path.sep, path.join('src', 'preload') + path.sep]
const ELECTRON_IMPORT = /(?:from\s+['"]electron['"]|require\(\s*['"]electron['"]\s*\)|import\(\s*['"]electron['"]\s*\))/

const sourceFiles = (dir: string) => listFilesDeep(dir, (name) => /\.(ts|tsx|js|mjs)$/.test(name))

describe('runtime layering', () => {
  it('only the Electron host and the preload import electron', () => {
    const root = packageRoot()
    const offenders = [...sourceFiles(path.join(root, 'src')), ...sourceFiles(path.join(root, 'scripts')), ...sourceFiles(path.join(root, 'bin'))]
      .map((file) => path.relative(root, file))
      .filter((file) => !ALLOWED.some((dir) => file.startsWith(dir)))
      .filter((file) => ELECTRON_IMPORT.test(fs.readFileSync(path.join(root, file), 'utf8')))
    expect(offenders).toEqual([])
  })

  it('the built CLI, which the HTTP server and tests load, does not reference electron', () => {
    const cli = path.join(packageRoot(), 'out', 'main', 'cli.js')
    expect(fs.existsSync(cli), 'run "npm run build" before the tests').toBe(true)
    const bundle = [cli, ...fs.readdirSync(path.join(packageRoot(), 'out', 'main', 'chunks')).map((f) => path.join(packageRoot(), 'out', 'main', 'chunks', f))]
    for (const file of bundle) expect(ELECTRON_IMPORT.test(fs.readFileSync(file, 'utf8')), file).toBe(false)
  })
})
