import { describe, expect, it } from 'vitest'
import { EVENT_EXAMPLES } from './event-examples'
import { EVENT_TYPES, parseEventLine } from './event-schema'
import { EVENT_TYPE_NAMES } from './event-type-names'

const base = { v: 1, id: 'e1', ts: '2026-11-25T10:00:00.000+01:00', session_id: 's1' }

describe('event schema', () => {
  it('has an example for every type, and each parses', () => {
    expect(Object.keys(EVENT_EXAMPLES).sort()).toEqual([...EVENT_TYPES].sort())
    for (const example of Object.values(EVENT_EXAMPLES)) {
      const parsed = parseEventLine(JSON.stringify(example))
      expect(parsed, JSON.stringify(example)).toMatchObject({ ok: true })
    }
  })

  it('the plain list of type names the CLI shows is the schemas\' own', () => {
    expect([...EVENT_TYPE_NAMES]).toEqual(EVENT_TYPES)
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
