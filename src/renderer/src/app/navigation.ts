export interface NavItem {
  path: string
  label: string
  /** Alt+key jumps here. */
  shortcut: string
}

export const NAV_ITEMS: NavItem[] = [
  { path: '/sessions', label: 'Sessions', shortcut: '1' },
  { path: '/skills', label: 'Skills', shortcut: '2' },
  { path: '/search', label: 'Search', shortcut: '3' },
  { path: '/insights', label: 'Insights', shortcut: '4' },
  { path: '/projects', label: 'Projects', shortcut: '5' },
  { path: '/reports', label: 'Reports', shortcut: '6' },
  { path: '/coverage', label: 'Coverage', shortcut: '7' },
  { path: '/settings', label: 'Settings', shortcut: '8' },
]
