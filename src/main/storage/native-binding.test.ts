import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { electronBindingPath, nativeBindingPath } from './native-binding'

describe('nativeBindingPath', () => {
  it('lets better-sqlite3 find its own build under Node', () => {
    expect(nativeBindingPath({ ...process.versions })).toBeUndefined()
  })
  it('asks for the Electron build, with the command that makes it, under Electron', () => {
    const versions = { ...process.versions, electron: '45.5.0', modules: '999' }
    expect(() => nativeBindingPath(versions)).toThrow(/npm run build:electron-binding/)
    expect(electronBindingPath('999')).toMatch(/native[/\\]electron-999[/\\]better_sqlite3\.node$/)
  })
  it('uses better-sqlite3\'s own build in the installed app, which electron-builder rebuilt for Electron', () => {
    const versions = { ...process.versions, electron: '45.5.0', modules: '999' }
    expect(nativeBindingPath(versions, path.join(path.sep, 'opt', 'Session Buddy', 'resources', 'app.asar'))).toBeUndefined()
  })
})
