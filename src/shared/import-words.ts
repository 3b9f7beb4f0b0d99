/** What each skipped-line reason means, for one line and for several (the Projects page, the first-run screen, the CLI). */
const SKIPPED_WORDS: Record<string, [one: string, many: string]> = {
  'outside-registered-projects': ['belongs to a folder you have not registered', 'belong to folders you have not registered'],
  'no-cwd': ['names no folder, so its project is unknown', 'name no folder, so their project is unknown'],
  'not-json': ['is not JSON', 'are not JSON'],
  'not-an-object': ['is not a JSON object', 'are not JSON objects'],
  'no-type': ['has no type', 'have no type'],
  'no-session-id': ['has no session id', 'have no session id'],
  'no-timestamp': ['has no time', 'have no time'],
}

/** "1,523 lines belong to folders you have not registered", not "outside-registered-projects 1523". */
export function describeSkipped(reason: string, count: number): string {
  const words = SKIPPED_WORDS[reason]
  const n = `${count.toLocaleString('en')} ${count === 1 ? 'line' : 'lines'}`
  return words ? `${n} ${words[count === 1 ? 0 : 1]}` : `${n} skipped (${reason})`
}
