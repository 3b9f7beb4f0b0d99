import path from 'node:path'
import { Menu, Tray, nativeImage } from 'electron'
import type { TrackingState } from '../../shared/api/desktop'
import { trayView, type TrayCommand } from '../desktop/tray-status'

const ICONS = { tracking: 'tray.png', paused: 'tray-paused.png', problem: 'tray-problem.png' } as const
const iconPath = (name: string) => path.join(__dirname, '../../resources', name)

/** The tray (menu bar) icon: live status in its tooltip and menu (desktop/tray-status.ts), commands to the host. */
export class StatusTray {
  private readonly tray: Tray

  constructor(private readonly run: (command: TrayCommand) => void) {
    this.tray = new Tray(this.icon('tracking'))
    // A click opens the window on Windows and Linux (macOS opens the menu, as users expect there).
    this.tray.on('click', () => run('open-window'))
  }

  show(state: TrackingState): void {
    const view = trayView(state)
    this.tray.setImage(this.icon(view.icon))
    this.tray.setToolTip(view.tooltip)
    this.tray.setContextMenu(
      Menu.buildFromTemplate(
        view.menu.map((item) =>
          item === 'separator' ? { type: 'separator' as const } : item.command ? { label: item.label, click: () => this.run(item.command!) } : { label: item.label, enabled: false },
        ),
      ),
    )
  }

  destroy(): void {
    this.tray.destroy()
  }

  private icon(kind: keyof typeof ICONS) {
    const image = nativeImage.createFromPath(iconPath(ICONS[kind]))
    // macOS draws template images in the menu bar's own colours.
    if (process.platform === 'darwin') image.setTemplateImage(kind === 'tracking')
    return image
  }
}
