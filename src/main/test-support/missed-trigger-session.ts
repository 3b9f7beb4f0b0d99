import fs from 'node:fs'
import path from 'node:path'
import { TranscriptLines } from './transcript-lines'

/** User skills for coverage tests: one the session's requests fit, three that fit nothing in it. */
export const TRIGGER_SKILLS: Array<[name: string, description: string]> = [
  ['release-notes', 'Writes release notes from the commits since the last tag, grouped into features and fixes. Use when preparing a release or asked for a changelog.'],
  ['db-migration', 'Creates and checks database schema migrations. Use when adding tables, columns or indexes.'],
  ['flaky-tests', 'Finds and fixes flaky tests that pass and fail at random. Use when a test fails only sometimes in CI.'],
  ['api-docs', 'Generates API reference documentation from route handlers. Use when endpoints changed.'],
]

export const MISSED_PROMPT = 'write the release notes for 2.3 from the commits since the last tag'

/** Writes TRIGGER_SKILLS as `<configDir>/skills/<name>/SKILL.md`. */
export function writeTriggerSkills(configDir: string): void {
  for (const [name, description] of TRIGGER_SKILLS) {
    fs.mkdirSync(path.join(configDir, 'skills', name), { recursive: true })
    fs.writeFileSync(path.join(configDir, 'skills', name, 'SKILL.md'), `---\nname: ${name}\ndescription: ${description}\n---\n\n# ${name}\n\nSteps.\n`)
  }
}

/**
 * A session shaped like a real one: a request release-notes fits with no skill run (a missed trigger),
 * the same kind of request with the skill run, and a request nothing fits.
 */
export function missedTriggerSession(project: string, sessionId: string): string {
  const lines = new TranscriptLines(project, sessionId, Date.now() - 3_600_000)
    .prompt(0, MISSED_PROMPT)
    .text(5, 'Here are the release notes: …')
    .turnEnd(6)
    .prompt(60, 'now the release notes for 2.4, from the commits since the last tag please')
    .skill(61, 'toolu_rn', 'release-notes')
    .result(62, 'toolu_rn', 'Launching skill: release-notes')
    .text(70, 'Release notes written.')
    .turnEnd(71)
    .prompt(120, 'thanks! what time is it in Lisbon?')
    .text(121, 'I cannot know the time.')
    .turnEnd(122)
  return `${lines}\n`
}
