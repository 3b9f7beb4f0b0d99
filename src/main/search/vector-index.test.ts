import { describe, expect, it } from 'vitest'
import { descriptionClauses, skillTexts } from './skill-texts'
import { HUB_CORRECTION, VectorIndex } from './vector-index'

const v = (...xs: number[]) => Float32Array.from(xs)

describe('skill texts', () => {
  it('embeds the whole description, each clause and the opening of each section', () => {
    const texts = skillTexts({
      name: 'internal-comms',
      description: 'Write internal communications (status reports, leadership updates, newsletters). Use when asked for a project update - keep it short',
      sections: [
        { heading: 'Formats', text: 'Pick the format your company uses for this kind of update.\n\nMore detail here.' },
        { heading: 'Tiny', text: 'Too short' },
      ],
    })
    expect(texts[0]).toEqual({ kind: 'whole', text: 'internal comms: Write internal communications (status reports, leadership updates, newsletters). Use when asked for a project update - keep it short' })
    expect(texts.filter((t) => t.kind === 'fragment').map((t) => t.text)).toEqual([
      'Write internal communications',
      'status reports, leadership updates, newsletters',
      'Use when asked for a project update',
      'keep it short',
    ])
    expect(texts.filter((t) => t.kind === 'section').map((t) => t.text)).toEqual(['Formats: Pick the format your company uses for this kind of update.'])
  })

  it('drops clauses shorter than three words', () => {
    expect(descriptionClauses('Debugging. Use when a test fails; or else')).toEqual(['Use when a test fails;'])
  })
})

describe('VectorIndex', () => {
  it('scores a skill by the mean of its best match of each kind of text', () => {
    const index = new VectorIndex([
      { key: 'a', parts: [{ kind: 'whole', vector: v(1, 0, 0) }, { kind: 'fragment', vector: v(0, 1, 0) }, { kind: 'fragment', vector: v(0, 0.6, 0.8) }, { kind: 'section', vector: v(0, 0.6, 0.8) }] },
      { key: 'b', parts: [{ kind: 'whole', vector: v(0, 0, 1) }] },
    ])
    const sims = index.similarities(v(0, 2, 0))
    // a: whole 0, best fragment 1, section 0.6; hubness of a is its whole's similarity to b's whole (0).
    expect(sims.get('a')).toBeCloseTo((0 + 1 + 0.6) / 3)
    expect(sims.get('b')).toBeCloseTo(0)
  })

  it('treats a vector with no direction (zeros, NaN) as matching nothing, without spoiling the others', () => {
    const index = new VectorIndex([
      { key: 'empty', parts: [{ kind: 'whole', vector: v(Number.NaN, Number.NaN, Number.NaN) }] },
      { key: 'x', parts: [{ kind: 'whole', vector: v(1, 0, 0) }] },
    ])
    const sims = index.similarities(v(1, 0, 0))
    expect(sims.get('empty')).toBe(0)
    expect(sims.get('x')).toBeCloseTo(1)
  })

  it('lowers skills that sit close to every other skill (hubs)', () => {
    const hub = v(1, 1, 1)
    const index = new VectorIndex([
      { key: 'hub', parts: [{ kind: 'whole', vector: hub }] },
      { key: 'x', parts: [{ kind: 'whole', vector: v(1, 0, 0) }] },
      { key: 'y', parts: [{ kind: 'whole', vector: v(0, 1, 0) }] },
      { key: 'z', parts: [{ kind: 'whole', vector: v(0, 0, 1) }] },
    ])
    const sims = index.similarities(v(1, 0.2, 0))
    const cos = (a: Float32Array, b: Float32Array) => a.reduce((s, x, i) => s + x * b[i]!, 0) / Math.hypot(...a) / Math.hypot(...b)
    const hubness = cos(hub, v(1, 0, 0)) // the hub is equally close to x, y and z
    expect(sims.get('hub')).toBeCloseTo(cos(v(1, 0.2, 0), hub) - HUB_CORRECTION * hubness)
    expect(sims.get('x')!).toBeGreaterThan(sims.get('hub')!)
  })
})
