/**
 * Follow-up actions read from real tool calls inside a run's span: commits, pushes and test runs
 * (whose result counts as evidence). Only the action's name is kept, never the command line.
 */
export interface FollowUp {
  kind: 'git' | 'test' | 'pr'
  action: string
}

const TEST_COMMAND =
  /(^|[;&|]\s*|\s)(npm (run )?test|pnpm (run )?test|yarn test|bun test|deno test|npx (vitest|jest|playwright test|mocha)|vitest( run)?|jest|pytest|python3? -m (pytest|unittest)|tox|cargo (test|nextest)|go test|mix test|rspec|bundle exec rspec|rake test|phpunit|dotnet test|gradle(w)? test|\.\/gradlew test|mvn (-\S+ )*test|make (test|check)|ctest|swift test)\b/

export function followUpOf(toolName: string, input: unknown): FollowUp | null {
  if (toolName !== 'Bash' || typeof input !== 'object' || input === null) return null
  const command = (input as { command?: unknown }).command
  if (typeof command !== 'string') return null
  if (/\bgit (-\S+ )*commit\b/.test(command)) return { kind: 'git', action: 'git commit' }
  if (/\bgit (-\S+ )*push\b/.test(command)) return { kind: 'git', action: 'git push' }
  if (/\bgh pr create\b/.test(command)) return { kind: 'pr', action: 'pull request opened' }
  if (TEST_COMMAND.test(command)) return { kind: 'test', action: 'test run' }
  return null
}
