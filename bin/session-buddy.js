#!/usr/bin/env node
'use strict'
const fs = require('node:fs')
const path = require('node:path')

const cli = path.join(__dirname, '..', 'out', 'main', 'cli.js')
if (!fs.existsSync(cli)) {
  process.stderr.write('session-buddy: not built yet; run "npm run build" in ' + path.dirname(__dirname) + '\n')
  process.exit(1)
}
require(cli)
