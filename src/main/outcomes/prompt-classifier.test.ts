import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { packageRoot } from '../system/package-root'
import { tempDir } from '../test-support/temp-dir'
import { classifyPrompt } from './prompt-classifier'
import { evaluatePrompts, readLabelledPrompts } from './prompt-eval'

describe('the next-prompt classifier', () => {
  it('names the rule behind each label', () => {
    expect(classifyPrompt("no, that didn't work")).toEqual({ label: 'correction', rule: 'correction:opening-no' })
    expect(classifyPrompt('revert that')).toEqual({ label: 'correction', rule: 'correction:revert' })
    expect(classifyPrompt('it still returns null')).toEqual({ label: 'correction', rule: 'correction:still-broken' })
    expect(classifyPrompt('great, thanks!')).toEqual({ label: 'acceptance', rule: 'acceptance:thanks' })
    expect(classifyPrompt('now add pagination')).toEqual({ label: 'new-request', rule: 'default' })
  })

  it('reads complaint words as a correction only in short prompts that point back at the work', () => {
    expect(classifyPrompt('it crashes on startup now').label).toBe('correction')
    expect(classifyPrompt('fix the bug where the login button does not work on Safari').label).toBe('new-request')
    expect(classifyPrompt('No worries. Next, add logging to the importer.').label).toBe('new-request')
    // Only the opening counts: a pasted log further down says nothing about the reply.
    expect(classifyPrompt(`add a --json flag\n${'x '.repeat(300)}still failing`).label).toBe('new-request')
  })

  it(`meets its targets on the labelled set (precision of "correction" >= 0.90, recall >= 0.70)`, () => {
    const prompts = readLabelledPrompts(path.join(packageRoot(), 'eval', 'next-prompts.jsonl'))
    expect(prompts.length).toBeGreaterThanOrEqual(200)
    const result = evaluatePrompts(prompts)
    expect(result.perClass.correction.precision).toBeGreaterThanOrEqual(0.9)
    expect(result.perClass.correction.recall).toBeGreaterThanOrEqual(0.7)
    expect(result.confusion.correction.correction + result.confusion.correction.acceptance + result.confusion.correction['new-request']).toBe(result.perClass.correction.support)
  })

  it('refuses a bad labelled line, naming the file and line', () => {
    const file = path.join(tempDir(), 'prompts.jsonl')
    fs.writeFileSync(file, '{"prompt":"thanks","label":"acceptance"}\n{"prompt":"x","label":"praise"}\n')
    expect(() => readLabelledPrompts(file)).toThrow(`${file}:2: "label" must be one of correction, acceptance, new-request`)
    fs.writeFileSync(file, '{"prompt":"thanks"\n')
    expect(() => readLabelledPrompts(file)).toThrow(new RegExp(`${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:1: not JSON`))
  })
})
