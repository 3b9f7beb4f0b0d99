/**
 * Every event type by name, as a plain list: the CLI shows and checks it without loading the zod schemas.
 * event-schema.test.ts keeps it equal to the schemas' own list.
 */
export const EVENT_TYPE_NAMES = [
  'session.started',
  'session.ended',
  'prompt.submitted',
  'skill.invoked',
  'skill.completed',
  'skill.failed',
  'skill.abandoned',
  'skill.outcome_inferred',
  'workflow.started',
  'workflow.completed',
  'workflow.node.started',
  'workflow.node.completed',
  'workflow.node.failed',
] as const
