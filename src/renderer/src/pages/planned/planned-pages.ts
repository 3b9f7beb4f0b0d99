export interface PlannedPageInfo {
  path: string
  title: string
  summary: string
  /** What fills the page, and where that data comes from. */
  comesFrom: string
}

/** Pages whose features are still being built; each says what it will show and how to feed it. */
export const PLANNED_PAGES: PlannedPageInfo[] = [
  {
    path: '/insights',
    title: 'Insights',
    summary: 'Most used skills, effectiveness by project type, effective skill sequences and recommendations across the projects you include.',
    comesFrom: 'Only projects with "Include in insights" switched on are counted.',
  },
  {
    path: '/reports',
    title: 'Reports',
    summary: 'Export insights as Markdown, HTML, PDF, CSV or JSON, aggregates only unless you tick more in.',
    comesFrom: 'Reports are computed locally from the projects you include; nothing leaves this machine.',
  },
]
