import { describe, expect, it } from 'vitest'
import { errorExcerpt } from './error-excerpt'

const SECRET = 'my database password is hunter2 and the customer is ACME'

describe('the excerpt kept with a bad event line', () => {
  it('never holds prompt text: a too-long prompt line keeps its structure and the prompt’s length only', () => {
    const line = JSON.stringify({ v: 1, id: 'e1', ts: '2026-11-20T09:00:00Z', session_id: 's1', type: 'prompt.submitted', prompt: `${SECRET} ${'x'.repeat(100_001)}` })
    const excerpt = errorExcerpt(line)
    expect(excerpt).not.toContain('hunter2')
    expect(excerpt).toContain('"type":"prompt.submitted"')
    expect(excerpt).toMatch(/"prompt":"<100058 characters>"/)
  })

  it('cuts a torn or non-JSON line before its first free-text field', () => {
    const torn = `{"v":1,"id":"e2","type":"skill.invoked","session_id":"s1","user_query":"${SECRET}`
    const excerpt = errorExcerpt(torn)
    expect(excerpt).not.toContain('hunter2')
    expect(excerpt).toMatch(/^\{"v":1,"id":"e2","type":"skill.invoked","session_id":"s1",… \(\d+ characters; the rest is not shown\)$/)
  })

  it('shows a wrong field as it is, so the line can be fixed', () => {
    expect(errorExcerpt('{"v":1,"id":"e3","type":"skill.exploded","session_id":"s"}')).toBe('{"v":1,"id":"e3","type":"skill.exploded","session_id":"s"}')
    expect(errorExcerpt('not json at all')).toBe('not json at all')
  })
})
