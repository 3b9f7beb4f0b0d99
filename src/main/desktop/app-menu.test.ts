import { describe, expect, it } from 'vitest'
import { appMenuTemplate, type MenuItemSpec } from './app-menu'

const roles = (items: MenuItemSpec[] | undefined) => (items ?? []).flatMap((item) => (item.role ? [item.role] : []))
const menu = (template: MenuItemSpec[], label: string) => template.find((item) => item.label === label || item.role === label)

describe('native menus', () => {
  it('has the standard Edit and View menus, and Help with the docs', () => {
    const template = appMenuTemplate({ platform: 'linux', development: false })
    expect(template.map((item) => item.label ?? item.role)).toEqual(['File', 'Edit', 'View', 'windowMenu', 'help'])
    expect(roles(menu(template, 'Edit')!.submenu)).toEqual(['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll'])
    expect(roles(menu(template, 'View')!.submenu)).toEqual(['resetZoom', 'zoomIn', 'zoomOut', 'togglefullscreen'])
    expect(menu(template, 'help')!.submenu!.map((item) => item.command)).toEqual([
      { open: 'README.md' },
      { open: 'docs/outcomes.md' },
      { open: 'docs/event-format.md' },
      { open: 'docs/search.md' },
    ])
    expect(menu(template, 'File')!.submenu![0]).toMatchObject({ label: 'Settings', accelerator: 'CmdOrCtrl+,' })
  })

  it('offers reload and developer tools in development only', () => {
    const view = menu(appMenuTemplate({ platform: 'win32', development: true }), 'View')!
    expect(roles(view.submenu).slice(0, 3)).toEqual(['reload', 'forceReload', 'toggleDevTools'])
    const packaged = JSON.stringify(appMenuTemplate({ platform: 'win32', development: false }))
    expect(packaged).not.toMatch(/reload|DevTools/i)
  })

  it('puts the app menu first on macOS, with settings and quit there', () => {
    const template = appMenuTemplate({ platform: 'darwin', development: false })
    expect(template[0]!.label).toBe('Session Buddy')
    expect(roles(template[0]!.submenu)).toContain('quit')
    expect(template[0]!.submenu!.some((item) => item.command === 'settings')).toBe(true)
    expect(roles(menu(template, 'File')!.submenu)).toEqual(['close'])
  })
})
