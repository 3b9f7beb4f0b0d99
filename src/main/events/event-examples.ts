const base = { v: 1, ts: '2026-11-25T10:00:00.000+01:00', session_id: '3f2a9c1e-5d4b-4c8a-9e7f-1a2b3c4d5e6f' }

/** One valid example per event type; the docs show them and the tests parse them. */
export const EVENT_EXAMPLES: Record<string, Record<string, unknown>> = {
  'session.started': { ...base, id: '0b7c6a52-9a7e-4a43-9f4e-2f1f4b0c1d01', type: 'session.started', source: 'startup', model: 'claude-opus-4-6', git_branch: 'main' },
  'session.ended': { ...base, id: '0b7c6a52-9a7e-4a43-9f4e-2f1f4b0c1d02', type: 'session.ended', reason: 'logout' },
  'prompt.submitted': { ...base, id: '0b7c6a52-9a7e-4a43-9f4e-2f1f4b0c1d03', type: 'prompt.submitted', prompt: 'fix the type errors' },
  'skill.invoked': { ...base, id: '0b7c6a52-9a7e-4a43-9f4e-2f1f4b0c1d04', type: 'skill.invoked', invocation_id: 'i1', skill: 'crackerjack-run', workflow_path: 'quick', user_query: 'fix types' },
  'skill.completed': { ...base, id: '0b7c6a52-9a7e-4a43-9f4e-2f1f4b0c1d05', type: 'skill.completed', invocation_id: 'i1', skill: 'crackerjack-run', duration_ms: 4200, follow_up_actions: ['git commit'] },
  'skill.failed': { ...base, id: '0b7c6a52-9a7e-4a43-9f4e-2f1f4b0c1d06', type: 'skill.failed', invocation_id: 'i1', skill: 'crackerjack-run', error_type: 'TypeError' },
  'skill.abandoned': { ...base, id: '0b7c6a52-9a7e-4a43-9f4e-2f1f4b0c1d07', type: 'skill.abandoned', invocation_id: 'i1', skill: 'crackerjack-run', reason: 'timed out' },
  'skill.outcome_inferred': {
    ...base,
    id: '0b7c6a52-9a7e-4a43-9f4e-2f1f4b0c1d13',
    type: 'skill.outcome_inferred',
    invocation_id: 'toolu_01A',
    skill: 'crackerjack-run',
    outcome: 'failed',
    duration_ms: 95000,
    error_type: 'user_correction',
    follow_up_actions: ['tests failed'],
    evidence: { endedBy: 'next-prompt', assistantReplies: 9, toolCalls: 6, toolErrors: 2, trailingFailures: 1, apiErrors: 0, testRuns: { passed: 1, failed: 2 }, interrupted: false, nextPrompt: 'correction', nextPromptRule: 'correction:did-not-work' },
  },
  'workflow.started': { ...base, id: '0b7c6a52-9a7e-4a43-9f4e-2f1f4b0c1d08', type: 'workflow.started', workflow_run_id: 'r1', workflow_id: 'ci', name: 'CI', metadata: { runner: 'make' } },
  'workflow.completed': { ...base, id: '0b7c6a52-9a7e-4a43-9f4e-2f1f4b0c1d09', type: 'workflow.completed', workflow_run_id: 'r1', status: 'failed', duration_ms: 90000 },
  'workflow.node.started': { ...base, id: '0b7c6a52-9a7e-4a43-9f4e-2f1f4b0c1d10', type: 'workflow.node.started', workflow_run_id: 'r1', node_id: 'lint', name: 'Lint' },
  'workflow.node.completed': { ...base, id: '0b7c6a52-9a7e-4a43-9f4e-2f1f4b0c1d11', type: 'workflow.node.completed', workflow_run_id: 'r1', node_id: 'lint', duration_ms: 3000 },
  'workflow.node.failed': { ...base, id: '0b7c6a52-9a7e-4a43-9f4e-2f1f4b0c1d12', type: 'workflow.node.failed', workflow_run_id: 'r1', node_id: 'test', error: '2 tests failed' },
}
