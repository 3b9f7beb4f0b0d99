import { spawn } from 'node:child_process'
import path from 'node:path'

/**
 * Opens a URL or file with the user's default application (browser, editor). SESSION_BUDDY_OPENER
 * names another command to use (e.g. `code`); SESSION_BUDDY_NO_OPEN turns opening off. Returns
 * false when nothing could be opened, e.g. on Linux without a display.
 */
export function openExternal(target: string): boolean {
  const custom = process.env.SESSION_BUDDY_OPENER
  const platform = process.platform
  return launch(
    custom
      ? [custom, [target]]
      : platform === 'darwin'
        ? ['open', [target]]
        : platform === 'win32'
          ? ['cmd', ['/c', 'start', '', target]]
          : ['xdg-open', [target]],
  )
}

/**
 * Shows a file in the system's file manager, selected where the platform can (macOS, Windows); on
 * Linux, and with SESSION_BUDDY_OPENER, opens its folder. Returns what was shown, or null.
 */
export function revealInFolder(file: string): string | null {
  const custom = process.env.SESSION_BUDDY_OPENER
  const folder = path.dirname(file)
  const platform = process.platform
  if (custom || platform === 'linux') return launch([custom ?? 'xdg-open', [folder]]) ? folder : null
  return launch(platform === 'darwin' ? ['open', ['-R', file]] : ['explorer', [`/select,${file}`]]) ? file : null
}

function launch([command, args]: [string, string[]]): boolean {
  if (process.env.SESSION_BUDDY_NO_OPEN) return false
  if (!process.env.SESSION_BUDDY_OPENER && process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) return false
  try {
    const child = spawn(command, args, { stdio: 'ignore', detached: true })
    child.on('error', () => undefined)
    child.unref()
    return true
  } catch {
    return false
  }
}
