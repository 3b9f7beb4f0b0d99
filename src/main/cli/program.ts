import { Command, CommanderError } from 'commander'
import { packageVersion } from '../system/package-root'
import { CliError } from './cli-error'
import { registerProjectsCommands } from './commands/projects'
import { registerServeCommand } from './commands/serve'
import { registerEmitCommand } from './commands/emit'
import { registerHookCommands } from './commands/hooks'
import { registerTrackingCommands } from './commands/tracking'
import { registerUsageCommand } from './commands/usage'
import { registerCoverageCommand } from './commands/coverage'
import { registerReportCommands } from './commands/report'
import { registerFindCommand } from './commands/find'
import { registerMcpCommand } from './commands/mcp'
import { registerDoctorCommand } from './commands/doctor'
import { registerInitCommand } from './commands/init'

export interface GlobalOptions {
  dataDir?: string
}

export function createProgram(): Command {
  const program = new Command('session-buddy')
    .description('Which AI-assistant skills you use, how well they work, and which to reach for next.')
    .version(packageVersion())
    .option('--data-dir <dir>', 'where the database lives (default: $SESSION_BUDDY_HOME or the OS data folder)')
    .showSuggestionAfterError(true)
    .exitOverride()
  registerInitCommand(program)
  registerServeCommand(program)
  registerProjectsCommands(program)
  registerTrackingCommands(program)
  registerUsageCommand(program)
  registerCoverageCommand(program)
  registerEmitCommand(program)
  registerHookCommands(program)
  registerReportCommands(program)
  registerFindCommand(program)
  registerMcpCommand(program)
  registerDoctorCommand(program)
  // Every subcommand reports usage errors as one line and exits non-zero, like the root.
  for (const command of program.commands) applyErrorHandling(command)
  return program
}

function applyErrorHandling(command: Command): void {
  command.exitOverride()
  for (const sub of command.commands) applyErrorHandling(sub)
}

/** Runs the CLI; returns the exit code. Errors become one line on stderr. */
export async function runCli(argv: string[]): Promise<number> {
  const program = createProgram()
  try {
    await program.parseAsync(argv, { from: 'user' })
    return 0
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander already printed help, the version or its one-line usage error.
      return error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help' ? 0 : 2
    }
    const message = error instanceof Error ? error.message : String(error)
    process.stderr.write(`session-buddy: ${message.split('\n')[0]}\n`)
    return error instanceof CliError ? error.exitCode : 1
  }
}
