import { useEffect } from 'react'
import { useLocation } from 'wouter'
import { NAV_ITEMS } from './navigation'

/** Alt+1…6 opens each page from anywhere, focus included. */
export function useNavigationShortcuts(): void {
  const [, navigate] = useLocation()
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!event.altKey || event.ctrlKey || event.metaKey) return
      const item = NAV_ITEMS.find((i) => event.code === `Digit${i.shortcut}`)
      if (!item) return
      event.preventDefault()
      navigate(item.path)
      document.getElementById('main')?.focus()
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [navigate])
}
