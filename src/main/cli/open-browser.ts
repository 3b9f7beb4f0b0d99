import { spawn } from 'node:child_process'

/** Opens the URL in the user's browser when there is a display to show it on; otherwise does nothing. */
export function openBrowser(url: string): boolean {
  if (process.env.SESSION_BUDDY_NO_OPEN) return false
  const platform = process.platform
  if (platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) return false
  const [command, args] =
    platform === 'darwin' ? ['open', [url]] : platform === 'win32' ? ['cmd', ['/c', 'start', '', url]] : ['xdg-open', [url]]
  try {
    const child = spawn(command, args as string[], { stdio: 'ignore', detached: true })
    child.on('error', () => undefined)
    child.unref()
    return true
  } catch {
    return false
  }
}
