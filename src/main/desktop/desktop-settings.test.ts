import fs from 'node:fs'
import path from 'node:path'
import { tempDir } from '../test-support/temp-dir'
import { describe, expect, it } from 'vitest'
import { defaultHookCommand } from '../hooks/claude-settings'
import { apiCaller, testContext } from '../test-support/app-context'
import { applyLinuxAutostart, closeAction, loginItemSettings } from './desktop-settings'

describe('desktop settings', () => {
  it('default to capture in the tray, no login item and no notifications, and keep what is saved', async () => {
    const call = apiCaller(await testContext())
    expect(await call('desktop-settings-get', {})).toEqual({ keepRunningInTray: true, openAtLogin: false, notifySkillFailures: false, notifyImportFinished: false })
    expect(await call('desktop-settings-set', { openAtLogin: true })).toMatchObject({ openAtLogin: true, keepRunningInTray: true })
    expect(await call('desktop-settings-get', {})).toMatchObject({ openAtLogin: true })
    await expect(call('desktop-settings-set', { openAtLogin: 'yes' })).rejects.toThrow(/invalid_input|Expected boolean/i)
  })

  it('closing the window hides it to the tray unless the user chose quit-on-close, quits, or has no tray', () => {
    expect(closeAction({ keepRunningInTray: true }, false, true)).toBe('hide')
    expect(closeAction({ keepRunningInTray: false }, false, true)).toBe('close')
    expect(closeAction({ keepRunningInTray: true }, true, true)).toBe('close')
    expect(closeAction({ keepRunningInTray: true }, false, false)).toBe('close')
  })

  it('opens at login in the tray only, and only when switched on', () => {
    expect(loginItemSettings({ openAtLogin: false })).toEqual({ openAtLogin: false, args: [] })
    expect(loginItemSettings({ openAtLogin: true })).toEqual({ openAtLogin: true, args: ['--hidden'] })
  })

  it('has the installed app\'s hooks run the hook bundle beside app.asar with Node, since its fuses forbid running as Node', () => {
    const bin = path.join(path.sep, 'opt', 'Session Buddy', 'resources', 'app.asar', 'bin', 'session-buddy.js')
    expect(defaultHookCommand(bin)).toBe(`node "${path.join(path.sep, 'opt', 'Session Buddy', 'resources', 'hook', 'bin', 'session-buddy.js')}" hook`)
  })
})

describe('open at login on Linux', () => {
  it('writes an XDG autostart entry that starts in the tray, and removes it when switched off', () => {
    const dir = path.join(tempDir(), 'autostart')
    applyLinuxAutostart(dir, true, '/home/dev/Apps/Session Buddy.AppImage')
    const entry = fs.readFileSync(path.join(dir, 'session-buddy.desktop'), 'utf8')
    expect(entry).toContain('[Desktop Entry]\nType=Application\nName=Session Buddy\n')
    expect(entry).toContain('Exec="/home/dev/Apps/Session Buddy.AppImage" --hidden\n')
    applyLinuxAutostart(dir, false, '/home/dev/Apps/Session Buddy.AppImage')
    expect(fs.existsSync(path.join(dir, 'session-buddy.desktop'))).toBe(false)
    applyLinuxAutostart(dir, false, '/x') // already off: nothing to remove, no error
  })
})
