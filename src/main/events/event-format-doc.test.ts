import { EVENT_TYPES } from './event-schema'
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { packageRoot } from '../system/package-root'
import { renderEventFormatDoc } from './event-format-doc'

describe('docs/event-format.md', () => {
  it('is current with the schemas (run "npm run docs:events" after changing them)', () => {
    const committed = fs.readFileSync(path.join(packageRoot(), 'docs', 'event-format.md'), 'utf8')
    expect(committed).toBe(renderEventFormatDoc())
  })

  it('every example in it is a valid event', () => {
    const doc = renderEventFormatDoc()
    const block = doc.split('```jsonl\n')[1]!.split('\n```')[0]!
    expect(block.split('\n')).toHaveLength(EVENT_TYPES.length)
  })
})
