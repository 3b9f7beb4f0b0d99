import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { tempDir } from '../test-support/temp-dir'
import { DEFAULT_SIZE, restoreWindowState, saveWindowState, WINDOW_STATE_FILE } from './window-state'

const laptop = { x: 0, y: 0, width: 1440, height: 900 }
const monitor = { x: 1440, y: 0, width: 2560, height: 1440 }

describe('window state', () => {
  it('restores the size, position and maximised state it was closed with', () => {
    const data = tempDir()
    saveWindowState(data, { bounds: { x: 1600.4, y: 120, width: 1400, height: 900 }, maximized: true })
    expect(restoreWindowState(data, [laptop, monitor])).toEqual({ bounds: { x: 1600, y: 120, width: 1400, height: 900 }, maximized: true })
  })

  it('brings a window back onto the screen when its monitor is gone, and shrinks one larger than the display', () => {
    const data = tempDir()
    saveWindowState(data, { bounds: { x: 1600, y: 120, width: 2000, height: 1300 }, maximized: false })
    expect(restoreWindowState(data, [laptop])).toEqual({ bounds: { x: 0, y: 0, width: 1440, height: 900 }, maximized: false })
    saveWindowState(data, { bounds: { x: 1600, y: 120, width: 1000, height: 700 }, maximized: false })
    expect(restoreWindowState(data, [laptop])).toEqual({ bounds: { x: 220, y: 100, width: 1000, height: 700 }, maximized: false })
  })

  it('opens at the default size without a file, or with one that is not valid', () => {
    const data = tempDir()
    expect(restoreWindowState(data, [laptop])).toEqual({ bounds: DEFAULT_SIZE, maximized: false })
    fs.writeFileSync(path.join(data, WINDOW_STATE_FILE), '{"bounds": {"x": "left"}}')
    expect(restoreWindowState(data, [laptop])).toEqual({ bounds: DEFAULT_SIZE, maximized: false })
  })
})
