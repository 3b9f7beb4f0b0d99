/**
 * What of a bad event line is kept to show with its error: enough to find and fix it, never the text of
 * a prompt. Lines can carry prompts (`prompt`, `user_query`, `args`), and ingest errors are kept whatever
 * a project's prompt setting says, so free text is replaced by its length.
 */
export const EXCERPT_CHARS = 200
/** Fields whose values say where a line belongs, shown as they are (cut short). */
const STRUCTURAL = new Set(['v', 'id', 'ts', 'type', 'session_id', 'invocation_id', 'skill', 'workflow_run_id', 'workflow_id', 'node_id', 'status', 'duration_ms', 'error_type', 'outcome'])
const TEXT_KEY = /"(prompt|user_query|args|error|reason|name|metadata|follow_up_actions|evidence)"\s*:/
/** Longer lines are not parsed again just for an excerpt. */
const PARSE_LIMIT = 1024 * 1024

export function errorExcerpt(line: string): string {
  if (line.length <= PARSE_LIMIT) {
    try {
      const value: unknown = JSON.parse(line)
      if (typeof value === 'object' && value !== null && !Array.isArray(value)) return skeleton(value as Record<string, unknown>).slice(0, EXCERPT_CHARS)
    } catch {
      // not JSON: cut below
    }
  }
  // Not a JSON object (or too long to parse again): keep what comes before the first free-text field.
  const cut = TEXT_KEY.exec(line)
  const shown = (cut ? line.slice(0, cut.index) : line).slice(0, EXCERPT_CHARS)
  return shown.length < line.length ? `${shown}… (${line.length} characters; the rest is not shown)` : shown
}

function skeleton(object: Record<string, unknown>): string {
  const parts = Object.entries(object).map(([key, value]) => {
    if (STRUCTURAL.has(key) && (typeof value === 'number' || typeof value === 'boolean' || value === null)) return `${JSON.stringify(key)}:${JSON.stringify(value)}`
    if (STRUCTURAL.has(key) && typeof value === 'string') return `${JSON.stringify(key)}:${JSON.stringify(value.slice(0, 80))}`
    if (typeof value === 'string') return `${JSON.stringify(key)}:"<${value.length} characters>"`
    return `${JSON.stringify(key)}:<${Array.isArray(value) ? 'list' : typeof value}>`
  })
  return `{${parts.join(',')}}`
}
