import { runCli } from './program'

// Entry of the `session-buddy` command (bin/session-buddy.js loads the built copy of this file).
runCli(process.argv.slice(2)).then((code) => {
  // `serve` keeps running; every other command ends here.
  if (code !== 0) process.exitCode = code
})
