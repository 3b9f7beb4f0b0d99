import { Link } from 'wouter'
import { useApiQuery } from '../../api/client'
import { PageHeader } from '../../components/PageHeader'
import type { PlannedPageInfo } from './planned-pages'

export function PlannedPage({ page }: { page: PlannedPageInfo }) {
  const projects = useApiQuery('projects', 'projects-list', {})
  const none = projects.data?.length === 0
  return (
    <section aria-labelledby="page-title">
      <PageHeader title={page.title} subtitle={page.summary} />
      <div className="empty-state">
        <p>{page.comesFrom}</p>
        {none ? (
          <p>
            No project is registered yet. <Link href="/projects">Register a project</Link> to start.
          </p>
        ) : (
          <p>This view is on its way in the next release; your tracked data is already kept.</p>
        )}
      </div>
    </section>
  )
}
