import { Link, useRoute } from 'wouter'
import { useApiQuery } from '../api/client'
import { NAV_ITEMS, type NavItem } from './navigation'

export function Sidebar() {
  const projects = useApiQuery('projects', 'projects-list', {})
  const ingestErrors = projects.data?.reduce((sum, p) => sum + p.counts.ingestErrors, 0) ?? 0
  return (
    <nav className="sidebar" aria-label="Main">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true">◆</span> Session Buddy
      </div>
      <ul>
        {NAV_ITEMS.map((item) => (
          <NavLink key={item.path} item={item} badge={item.path === '/projects' ? ingestErrors : 0} />
        ))}
      </ul>
      <p className="sidebar-hint">
        <kbd>Alt</kbd>+<kbd>1</kbd>…<kbd>6</kbd> to switch pages
      </p>
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
