import { useState } from 'react'
import { Link, useLocation, useRoute } from 'wouter'
import { ThemeSwitch } from './ThemeSwitch'
import { useApiQuery } from '../api/client'
import { NAV_ITEMS, type NavItem } from './navigation'

/** The navigation: a column beside the page, or a bar with a Menu button on narrow windows. */
export function Sidebar() {
  const projects = useApiQuery('projects', 'projects-list', {})
  const ingestErrors = projects.data?.reduce((sum, p) => sum + p.counts.ingestErrors, 0) ?? 0
  const [location] = useLocation()
  // The menu is open on the page it was opened on: choosing a page closes it.
  const [openOn, setOpenOn] = useState<string | null>(null)
  const open = openOn === location
  return (
    <nav className={open ? 'sidebar open' : 'sidebar'} aria-label="Main">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true">◆</span> Session Buddy
        <button type="button" className="menu-button" aria-expanded={open} aria-controls="main-menu" onClick={() => setOpenOn(open ? null : location)}>
          Menu
        </button>
      </div>
      <div id="main-menu" className="sidebar-menu">
        <ul>
          {NAV_ITEMS.map((item) => (
            <NavLink key={item.path} item={item} badge={item.path === '/projects' ? ingestErrors : 0} />
          ))}
        </ul>
        <div className="sidebar-footer">
          <ThemeSwitch />
          <p className="sidebar-hint">
            <kbd>Alt</kbd>+<kbd>1</kbd>…<kbd>{NAV_ITEMS.length}</kbd> to switch pages
          </p>
        </div>
      </div>
    </nav>
  )
}

function NavLink({ item, badge }: { item: NavItem; badge: number }) {
  const [exact] = useRoute(item.path)
  const [nested] = useRoute(`${item.path}/*`)
  const active = exact || nested
  return (
    <li>
      <Link href={item.path} className={active ? 'nav-link active' : 'nav-link'} aria-current={active ? 'page' : undefined}>
        <span>{item.label}</span>
        {badge > 0 && (
          <span className="badge badge-error" title={`${badge} lines could not be ingested`}>
            {badge}
          </span>
        )}
        <kbd className="nav-shortcut">Alt+{item.shortcut}</kbd>
      </Link>
    </li>
  )
}
