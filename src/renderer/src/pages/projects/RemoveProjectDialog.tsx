import type { ProjectView } from '../../../../shared/api/projects'
import { useApiMutation } from '../../api/client'
import { ConfirmDialog } from '../../components/ConfirmDialog'

export function RemoveProjectDialog({ project, onClose }: { project: ProjectView; onClose(): void }) {
  const remove = useApiMutation('projects-remove', ['projects', 'sessions', 'skills', 'ingest'])
  const c = project.counts
  return (
    <ConfirmDialog
      title={`Remove ${project.name}?`}
      confirmLabel="Remove and delete its data"
      busy={remove.isPending}
      error={remove.error?.message ?? null}
      onCancel={onClose}
      onConfirm={() => remove.mutate({ id: project.id }, { onSuccess: onClose })}
    >
      <p>
        Session Buddy stops reading <code>{project.path}</code> and deletes everything it stored from it:
      </p>
      <ul>
        <li>{c.sessions} sessions</li>
        <li>{c.invocations} skill invocations</li>
        <li>{c.workflowRuns} workflow runs</li>
        <li>{c.skills} catalogued skills</li>
        <li>{c.ingestErrors} ingest errors</li>
      </ul>
      <p>Files in the project itself are not touched.</p>
    </ConfirmDialog>
  )
}
