// The app's bundler inlines `*.css?raw` imports as text; the benchmark runs the sources through tsx,
// which would load a stylesheet as JavaScript. Imported first by the bench entry points.
import fs from 'node:fs'
import Module from 'node:module'

interface Loadable {
  filename: string
  exports: unknown
  loaded: boolean
}
const prototype = Module.prototype as unknown as { load(this: Loadable, filename: string): void }
const load = prototype.load
// tsx hands Node the path with its query ("report.css?raw="), which no extension handler matches.
prototype.load = function (this: Loadable, filename: string) {
  if (!/\.css(\?raw=?)?$/.test(filename)) return load.call(this, filename)
  this.filename = filename
  this.exports = { __esModule: true, default: fs.readFileSync(filename.replace(/\?.*$/, ''), 'utf8') }
  this.loaded = true
}
