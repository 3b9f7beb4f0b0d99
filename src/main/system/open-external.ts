import { spawn } from 'node:child_process'

/**
 * Opens a URL or file with the user's default application (browser, editor). SESSION_BUDDY_OPENER
 * names another command to use (e.g. `code`); SESSION_BUDDY_NO_OPEN turns opening off. Returns
 * false when nothing could be opened, e.g. on Linux without a display.
 */
export function openExternal(target: string): boolean {
  if (process.env.SESSION_BUDDY_NO_OPEN) return false
  const custom = process.env.SESSION_BUDDY_OPENER
  const platform = process.platform
  if (!custom && platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) return false
  const [command, args] = custom
    ? [custom, [target]]
    : platform === 'darwin'
      ? ['open', [target]]
      : platform === 'win32'
        ? ['cmd', ['/c', 'start', '', target]]
        : ['xdg-open', [target]]
  try {
    const child = spawn(command, args as string[], { stdio: 'ignore', detached: true })
    child.on('error', () => undefined)
    child.unref()
    return true
  } catch {
    return false
  }
}
