import { useEffect } from 'react'
import type { Theme } from '../../../shared/api/system'
import { useApiMutation, useApiQuery } from '../api/client'
import { applyTheme } from './theme'

/** System, light or dark: kept in the app's settings, so the desktop app and the browser agree. */
export function ThemeSwitch() {
  const settings = useApiQuery('settings', 'ui-settings-get', {})
  const save = useApiMutation('ui-settings-set', ['settings'])
  const theme = settings.data?.theme
  useEffect(() => {
    if (theme) applyTheme(theme)
  }, [theme])
  return (
    <label className="theme-switch">
      Theme
      <select
        value={theme ?? 'system'}
        onChange={(e) => {
          const next = e.target.value as Theme
          applyTheme(next)
          save.mutate({ theme: next })
        }}
      >
        <option value="system">Same as the system</option>
        <option value="light">Light</option>
        <option value="dark">Dark</option>
      </select>
    </label>
  )
}
