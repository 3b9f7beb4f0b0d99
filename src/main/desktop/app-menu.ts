/** Help-menu documents, shipped beside the app (docs/ and README.md); the host opens them with the OS. */
export const HELP_DOCUMENTS = [
  { label: 'Session Buddy Help', file: 'README.md' },
  { label: 'How Outcomes Are Derived', file: 'docs/outcomes.md' },
  { label: 'Event Format', file: 'docs/event-format.md' },
  { label: 'How Search Ranks Skills', file: 'docs/search.md' },
] as const

export type MenuCommand = { open: (typeof HELP_DOCUMENTS)[number]['file'] } | 'open-data-folder' | 'settings'

/** The parts of Electron's MenuItemConstructorOptions used here; roles are Electron's own. */
export interface MenuItemSpec {
  label?: string
  role?: string
  type?: 'separator'
  accelerator?: string
  command?: MenuCommand
  submenu?: MenuItemSpec[]
}

const separator: MenuItemSpec = { type: 'separator' }

/**
 * The native menu bar: the standard Edit and View menus (so copy, paste and zoom work with the usual keys),
 * reload and developer tools in development only, and Help with the docs. On macOS the app menu comes first.
 */
export function appMenuTemplate(options: { platform: NodeJS.Platform; development: boolean }): MenuItemSpec[] {
  const mac = options.platform === 'darwin'
  const settings: MenuItemSpec = { label: mac ? 'Settings…' : 'Settings', accelerator: 'CmdOrCtrl+,', command: 'settings' }
  const appMenu: MenuItemSpec = {
    label: 'Session Buddy',
    submenu: [{ role: 'about' }, separator, settings, separator, { role: 'services' }, separator, { role: 'hide' }, { role: 'hideOthers' }, { role: 'unhide' }, separator, { role: 'quit' }],
  }
  const file: MenuItemSpec = {
    label: 'File',
    submenu: [...(mac ? [] : [settings]), { label: 'Open Data Folder', command: 'open-data-folder' }, separator, { role: mac ? 'close' : 'quit' }],
  }
  const edit: MenuItemSpec = {
    label: 'Edit',
    submenu: [{ role: 'undo' }, { role: 'redo' }, separator, { role: 'cut' }, { role: 'copy' }, { role: 'paste' }, { role: 'selectAll' }],
  }
  const view: MenuItemSpec = {
    label: 'View',
    submenu: [
      ...(options.development ? [{ role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }, separator] : []),
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      separator,
      { role: 'togglefullscreen' },
    ],
  }
  const windowMenu: MenuItemSpec = { role: 'windowMenu' }
  const help: MenuItemSpec = {
    role: 'help',
    submenu: HELP_DOCUMENTS.map((doc) => ({ label: doc.label, command: { open: doc.file } })),
  }
  return [...(mac ? [appMenu] : []), file, edit, view, windowMenu, help]
}
