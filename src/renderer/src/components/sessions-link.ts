/**
 * A link to the Sessions page filtered to the sessions behind a number. The filters live in the
 * path (`/sessions/where/skill=lint&status=failed`): a `?query` would leave the hash for the page's
 * own query string, which holds the server's token.
 */
export function sessionsLink(filters: { skill?: string; status?: string; projectId?: number; from?: string | null; to?: string }): string {
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(filters)) if (value !== undefined && value !== null && value !== '') params.set(key, String(value))
  const query = params.toString()
  return query ? `/sessions/where/${encodeURIComponent(query)}` : '/sessions'
}
