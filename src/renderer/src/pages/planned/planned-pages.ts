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
    path: '/reports',
    title: 'Reports',
    summary: 'Export insights as Markdown, HTML, PDF, CSV or JSON, aggregates only unless you tick more in.',
    comesFrom: 'Reports are computed locally from the projects you include; nothing leaves this machine.',
  },
]
