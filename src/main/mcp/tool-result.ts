/** A tool result with structured content and the same JSON as text, for clients that read only text. */
export function structured<T extends Record<string, unknown>>(value: T) {
  return { structuredContent: value, content: [{ type: 'text' as const, text: JSON.stringify(value, null, 2) }] }
}
