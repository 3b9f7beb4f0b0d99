import { useState } from 'react'
import type { ProjectView } from '../../../../shared/api/projects'
import { useApiQuery } from '../../api/client'
import { PageHeader } from '../../components/PageHeader'
import { QueryState } from '../../components/QueryState'
import { AddProjectForm } from './AddProjectForm'
import { HooksSection } from './HooksPanel'
import { ImportPanel } from './ImportPanel'
import { IngestErrors } from './IngestErrors'
import { ProjectTable } from './ProjectTable'
import { RemoveProjectDialog } from './RemoveProjectDialog'

export function ProjectsPage() {
  const projects = useApiQuery('projects', 'projects-list', {})
  const [removing, setRemoving] = useState<ProjectView | null>(null)
  return (
    <section aria-labelledby="page-title">
      <PageHeader
        title="Projects"
        subtitle="Session Buddy reads a project only after you register it here, and only the paths listed before you confirm."
      />
      <AddProjectForm />
      <h2 className="section-title">Registered projects</h2>
      <QueryState query={projects}>
        {(list) =>
          list.length === 0 ? (
            <p className="empty-state">No project is registered yet. Add a project folder above to start tracking its skills.</p>
          ) : (
            <ProjectTable projects={list} onRemove={setRemoving} />
          )
        }
      </QueryState>
      <IngestErrors />
      {projects.data && projects.data.length > 0 && <ImportPanel />}
      {projects.data && projects.data.length > 0 && <HooksSection projects={projects.data} />}
      {removing && <RemoveProjectDialog project={removing} onClose={() => setRemoving(null)} />}
    </section>
  )
}
