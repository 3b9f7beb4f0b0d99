import { describe, expect, it } from 'vitest'
import { LineSplitter, type SplitLine } from './line-splitter'

function split(chunks: string[], max: number): { lines: SplitLine[]; pending: number } {
  const splitter = new LineSplitter(max)
  const lines: SplitLine[] = []
  let at = 0
  for (const chunk of chunks) {
    lines.push(...splitter.push(Buffer.from(chunk), at))
    at += Buffer.byteLength(chunk)
  }
  return { lines, pending: splitter.pendingBytes }
}

describe('LineSplitter', () => {
  it('joins lines across chunks, with absolute offsets and line numbers', () => {
    const { lines, pending } = split(['ab', 'c\nde\n', 'f'], 10)
    expect(lines).toEqual([
      { kind: 'line', text: 'abc', line: 1, start: 0, end: 4 },
      { kind: 'line', text: 'de', line: 2, start: 4, end: 7 },
    ])
    expect(pending).toBe(1)
  })

  it('counts a line over the cap without keeping it, inside a chunk or across many', () => {
    const long = 'x'.repeat(25)
    const { lines } = split([`ok\n${long}\nok`, '\n', 'y'.repeat(8), 'y'.repeat(8), 'y'.repeat(8), '\nlast\n'], 10)
    expect(lines.map((l) => (l.kind === 'line' ? l.text : `too-long ${l.bytes}`))).toEqual(['ok', 'too-long 25', 'ok', 'too-long 24', 'last'])
    expect(lines[3]).toMatchObject({ line: 4, start: 32, end: 57 })
  })

  it('keeps the two ends of a too-long line when asked, however it arrives', () => {
    const line = '{"id":7,"x":"' + 'y'.repeat(40) + '","z":9}'
    for (const size of [1, 3, 8, 100]) {
      const splitter = new LineSplitter(10, 0, 6)
      const text = `${line}\nok\n`
      const out = []
      for (let at = 0; at < text.length; at += size) out.push(...splitter.push(Buffer.from(text.slice(at, at + size)), at))
      expect(out[0], `chunks of ${size}`).toMatchObject({ kind: 'too-long', bytes: line.length, head: Buffer.from('{"id":'), tail: Buffer.from('"z":9}') })
      expect(out[1]).toMatchObject({ kind: 'line', text: 'ok' })
    }
  })

  it('keeps no more than the cap of an unfinished line', () => {
    const splitter = new LineSplitter(16)
    for (let i = 0; i < 1000; i++) expect([...splitter.push(Buffer.alloc(1024, 0x61), i * 1024)]).toEqual([])
    expect(splitter.pendingBytes).toBe(1024 * 1000)
    expect((splitter as unknown as { pieces: Buffer[] }).pieces).toEqual([])
  })
})
