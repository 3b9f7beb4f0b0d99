import path from 'node:path'
import { Menu, shell, type MenuItemConstructorOptions } from 'electron'
import { appMenuTemplate, type MenuCommand, type MenuItemSpec } from '../desktop/app-menu'

/** Where the Help menu's documents are: beside the app when installed (extraResources), the checkout in development. */
function documentPath(file: string, packaged: boolean): string {
  return packaged ? path.join(process.resourcesPath, file) : path.join(__dirname, '../..', file)
}

export function installAppMenu(options: { packaged: boolean; openDataFolder: () => void; openSettings: () => void }): void {
  const run = (command: MenuCommand) => {
    if (command === 'open-data-folder') options.openDataFolder()
    else if (command === 'settings') options.openSettings()
    else void shell.openPath(documentPath(command.open, options.packaged))
  }
  const toElectron = (item: MenuItemSpec): MenuItemConstructorOptions => ({
    ...(item.label ? { label: item.label } : {}),
    ...(item.role ? { role: item.role as MenuItemConstructorOptions['role'] } : {}),
    ...(item.type ? { type: item.type } : {}),
    ...(item.accelerator ? { accelerator: item.accelerator } : {}),
    ...(item.command ? { click: () => run(item.command!) } : {}),
    ...(item.submenu ? { submenu: item.submenu.map(toElectron) } : {}),
  })
  const template = appMenuTemplate({ platform: process.platform, development: !options.packaged })
  Menu.setApplicationMenu(Menu.buildFromTemplate(template.map(toElectron)))
}
