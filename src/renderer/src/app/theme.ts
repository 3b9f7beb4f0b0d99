import type { Theme } from '../../../shared/api/system'

const CACHED = 'session-buddy.theme'

/** Sets the theme on <html> (none: follow the system) and remembers it, so the next start paints in it at once. */
export function applyTheme(theme: Theme): void {
  if (theme === 'system') delete document.documentElement.dataset.theme
  else document.documentElement.dataset.theme = theme
  try {
    localStorage.setItem(CACHED, theme)
  } catch {
    // Storage may be unavailable (a locked-down profile): the setting in the database still holds.
  }
}

/** The theme last applied in this browser, before the setting is read from the app. */
export function applyCachedTheme(): void {
  try {
    const cached = localStorage.getItem(CACHED)
    if (cached === 'light' || cached === 'dark') document.documentElement.dataset.theme = cached
  } catch {
    // see applyTheme
  }
}
