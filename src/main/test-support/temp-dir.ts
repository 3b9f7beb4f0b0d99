import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, afterEach } from 'vitest'

const created: string[] = []

/** A fresh folder under the OS temp dir, removed after the current test. */
export function tempDir(prefix = 'session-buddy-test-'): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)))
  created.push(dir)
  return dir
}

/** A fresh folder that lives until the test file ends (for state shared by a file's tests). */
export function fileTempDir(prefix = 'session-buddy-test-'): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)))
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))
  return dir
}

afterEach(() => {
  for (const dir of created.splice(0)) fs.rmSync(dir, { recursive: true, force: true })
})

/** A project folder shaped like a real one: a manifest, and optionally a .session-buddy folder. */
export function makeProjectFolder(root: string, name: string, manifest = 'package.json'): string {
  const dir = path.join(root, name)
  fs.mkdirSync(dir, { recursive: true })
  fs.writeFileSync(path.join(dir, manifest), manifest.endsWith('.json') ? '{}\n' : '')
  return dir
}

/** Writes a file, creating its folders. */
export function writeFile(file: string, text: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true })
  fs.writeFileSync(file, text)
}
