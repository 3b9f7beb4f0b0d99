import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { databasePath, resolveDataDir } from './data-dir'

describe('resolveDataDir', () => {
  const home = '/home/ada'
  it('prefers an explicit folder, then SESSION_BUDDY_HOME', () => {
    expect(resolveDataDir({ override: '/x', env: { SESSION_BUDDY_HOME: '/y' } })).toBe('/x')
    expect(resolveDataDir({ env: { SESSION_BUDDY_HOME: '/y' }, homeDir: home })).toBe('/y')
  })
  it('follows each OS convention otherwise', () => {
    expect(resolveDataDir({ env: {}, platform: 'linux', homeDir: home })).toBe('/home/ada/.local/share/session-buddy')
    expect(resolveDataDir({ env: { XDG_DATA_HOME: '/data' }, platform: 'linux', homeDir: home })).toBe('/data/session-buddy')
    expect(resolveDataDir({ env: {}, platform: 'darwin', homeDir: home })).toBe(
      '/home/ada/Library/Application Support/Session Buddy',
    )
    expect(resolveDataDir({ env: { APPDATA: '/appdata' }, platform: 'win32', homeDir: home })).toBe(
      path.join('/appdata', 'Session Buddy'),
    )
  })
  it('keeps the database in one file inside the data folder', () => {
    expect(databasePath('/d')).toBe('/d/session-buddy.sqlite')
  })
})
