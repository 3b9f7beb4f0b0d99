/** The tokens one transcript line reports for a model reply. */
export interface MessageUsage {
  /** message.id + ':' + requestId, the key ccusage dedupes on; null when the line lacks either. */
  dedupeKey: string | null
  model: string
  inputTokens: number
  outputTokens: number
  cacheCreationTokens: number
  cacheReadTokens: number
}

const count = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) && value > 0 ? Math.round(value) : 0)

/**
 * A line's `message.usage`, read the way ccusage reads it: any line whose usage has numeric
 * input_tokens and output_tokens counts; cache tokens default to 0.
 */
export function usageOfLine(line: Record<string, unknown>): MessageUsage | null {
  const message = line.message
  if (typeof message !== 'object' || message === null) return null
  const m = message as Record<string, unknown>
  const usage = m.usage
  if (typeof usage !== 'object' || usage === null) return null
  const u = usage as Record<string, unknown>
  if (typeof u.input_tokens !== 'number' || typeof u.output_tokens !== 'number') return null
  const id = typeof m.id === 'string' && m.id ? m.id : null
  const requestId = typeof line.requestId === 'string' && line.requestId ? line.requestId : null
  return {
    dedupeKey: id && requestId ? `${id}:${requestId}` : null,
    model: typeof m.model === 'string' && m.model ? m.model : 'unknown',
    inputTokens: count(u.input_tokens),
    outputTokens: count(u.output_tokens),
    cacheCreationTokens: count(u.cache_creation_input_tokens),
    cacheReadTokens: count(u.cache_read_input_tokens),
  }
}
