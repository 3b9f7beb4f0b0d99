#!/usr/bin/env node
'use strict'
const fs = require('node:fs')
const path = require('node:path')

const out = path.join(__dirname, '..', 'out', 'main')
// Claude Code runs `session-buddy hook` on every hook event: load only the small hook bundle.
const entry = process.argv[2] === 'hook' && process.argv.slice(3).every((arg) => arg === '--plugin') ? 'hook.js' : 'cli.js'
if (!fs.existsSync(path.join(out, entry))) {
  if (entry === 'hook.js') process.exit(0) // never disturb the assistant
  process.stderr.write('session-buddy: not built yet; run "npm run build" in ' + path.dirname(__dirname) + '\n')
  process.exit(1)
}
require(path.join(out, entry))
