import { describe, expect, it } from 'vitest'
import { EVENT_TYPES, parseEventLine } from './event-schema'

const base = { v: 1, id: 'e1', ts: '2026-11-25T10:00:00.000+01:00', session_id: 's1' }

export const VALID_EXAMPLES: Record<string, Record<string, unknown>> = {
  'session.started': { ...base, type: 'session.started', source: 'startup', model: 'claude-opus-4-6', git_branch: 'main' },
  'session.ended': { ...base, type: 'session.ended', reason: 'logout' },
  'prompt.submitted': { ...base, type: 'prompt.submitted', prompt: 'fix the type errors' },
  'skill.invoked': { ...base, type: 'skill.invoked', invocation_id: 'i1', skill: 'crackerjack-run', workflow_path: 'quick', user_query: 'fix types' },
  'skill.completed': { ...base, type: 'skill.completed', invocation_id: 'i1', skill: 'crackerjack-run', duration_ms: 4200, follow_up_actions: ['git commit'] },
  'skill.failed': { ...base, type: 'skill.failed', invocation_id: 'i1', skill: 'crackerjack-run', error_type: 'TypeError' },
  'skill.abandoned': { ...base, type: 'skill.abandoned', invocation_id: 'i1', skill: 'crackerjack-run', reason: 'timed out' },
  'workflow.started': { ...base, type: 'workflow.started', workflow_run_id: 'r1', workflow_id: 'ci', name: 'CI', metadata: { runner: 'make' } },
  'workflow.completed': { ...base, type: 'workflow.completed', workflow_run_id: 'r1', status: 'failed', duration_ms: 90000 },
  'workflow.node.started': { ...base, type: 'workflow.node.started', workflow_run_id: 'r1', node_id: 'lint', name: 'Lint' },
  'workflow.node.completed': { ...base, type: 'workflow.node.completed', workflow_run_id: 'r1', node_id: 'lint', duration_ms: 3000 },
  'workflow.node.failed': { ...base, type: 'workflow.node.failed', workflow_run_id: 'r1', node_id: 'test', error: '2 tests failed' },
}

describe('event schema', () => {
  it('has an example for every type, and each parses', () => {
    expect(Object.keys(VALID_EXAMPLES).sort()).toEqual([...EVENT_TYPES].sort())
    for (const example of Object.values(VALID_EXAMPLES)) {
      const parsed = parseEventLine(JSON.stringify(example))
      expect(parsed, JSON.stringify(example)).toMatchObject({ ok: true })
    }
  })

  it('names what is wrong with a bad line', () => {
    const cases: Array<[string, RegExp]> = [
      ['{"v":1,', /^not JSON/],
      [JSON.stringify({ ...base, type: 'skill.exploded' }), /^type: /],
      [JSON.stringify({ ...base, v: 2, type: 'session.ended' }), /^v: /],
      [JSON.stringify({ ...base, ts: '2026-11-25 10:00', type: 'session.ended' }), /^ts: /],
      [JSON.stringify({ ...base, ts: '2026-11-25T10:00:00', type: 'session.ended' }), /^ts: /],
      [JSON.stringify({ ...base, type: 'skill.invoked', invocation_id: 'i' }), /^skill: /],
      [JSON.stringify({ ...base, type: 'skill.failed', invocation_id: 'i', skill: 's' }), /^error_type: /],
      [JSON.stringify({ ...base, type: 'skill.completed', invocation_id: 'i', skill: 's', duration_ms: -5 }), /^duration_ms: /],
    ]
    for (const [line, reason] of cases) {
      const parsed = parseEventLine(line)
      expect(parsed.ok, line).toBe(false)
      if (!parsed.ok) expect(parsed.reason, line).toMatch(reason)
    }
  })
})
