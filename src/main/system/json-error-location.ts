import { parse, type ParseError } from 'jsonc-parser'

/**
 * Where in `text` strict JSON parsing fails, as "line:column" (1-based), or null when it does not.
 * V8 names the position only for some errors ("Unexpected token" has none on Node 20), so the text
 * is parsed again by a parser that reports offsets for every error.
 */
export function jsonErrorLocation(text: string): string | null {
  const errors: ParseError[] = []
  parse(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false })
  const first = errors[0]
  if (!first) return null
  const before = text.slice(0, first.offset)
  const line = before.split('\n').length
  return `${line}:${first.offset - before.lastIndexOf('\n')}`
}

/** V8's parse error without the copy of the text it may quote (which can span lines) or its offset. */
export function jsonErrorReason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error)
  return message.split(/, (?:\.\.\.)?"/)[0]!.replace(/ in JSON at position \d+.*$/s, '').trim()
}
