import crypto from 'node:crypto'
import { EventWriter } from '../events/event-writer'

/**
 * The design brief's WorkflowEventTracker, for workflow runners written in TypeScript: each call
 * appends one workflow event, tagged with the session it belongs to, to the project's event log.
 * Runners in other languages use `session-buddy emit workflow-…` (docs/event-format.md).
 */
export class WorkflowEventTracker {
  private readonly writer: EventWriter

  constructor(
    projectPath: string,
    private readonly sessionId: string,
    now?: () => Date,
  ) {
    this.writer = new EventWriter(projectPath, now)
  }

  /** Starts a run of `workflowId` and returns the run's id, which the other calls take. */
  workflowStarted(workflowId: string, name = workflowId, metadata?: Record<string, unknown>): string {
    const runId = crypto.randomUUID()
    this.writer.append({ type: 'workflow.started', session_id: this.sessionId, workflow_run_id: runId, workflow_id: workflowId, name, metadata })
    return runId
  }

  nodeStarted(runId: string, nodeId: string, name = nodeId): void {
    this.writer.append({ type: 'workflow.node.started', session_id: this.sessionId, workflow_run_id: runId, node_id: nodeId, name })
  }

  nodeCompleted(runId: string, nodeId: string, details: { durationMs?: number; metadata?: Record<string, unknown> } = {}): void {
    this.writer.append({ type: 'workflow.node.completed', session_id: this.sessionId, workflow_run_id: runId, node_id: nodeId, duration_ms: details.durationMs, metadata: details.metadata })
  }

  nodeFailed(runId: string, nodeId: string, error: string, details: { durationMs?: number } = {}): void {
    this.writer.append({ type: 'workflow.node.failed', session_id: this.sessionId, workflow_run_id: runId, node_id: nodeId, error, duration_ms: details.durationMs })
  }

  workflowCompleted(runId: string, status: 'completed' | 'failed' = 'completed', details: { durationMs?: number } = {}): void {
    this.writer.append({ type: 'workflow.completed', session_id: this.sessionId, workflow_run_id: runId, status, duration_ms: details.durationMs })
  }
}
