// `npm run plugin:generate`: writes the Claude Code plugin's manifest, hooks, MCP config and runner,
// and the marketplace file, from the hook list `hooks install` uses and package.json's version; and
// the README's hook list between its markers. plugin.test.ts fails when these files drift.
import fs from 'node:fs'
import path from 'node:path'
import { pluginFiles, README_HOOKS_END, README_HOOKS_START, readmeHookList } from '../src/main/hooks/plugin-definition'

const root = path.resolve(__dirname, '..')
const version = (JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string }).version
for (const [file, text] of Object.entries(pluginFiles(version))) {
  const target = path.join(root, file)
  fs.mkdirSync(path.dirname(target), { recursive: true })
  fs.writeFileSync(target, text)
  if (file.endsWith('session-buddy-run')) fs.chmodSync(target, 0o755)
  console.log(`wrote ${file}`)
}
const readme = path.join(root, 'README.md')
const text = fs.readFileSync(readme, 'utf8')
const start = text.indexOf(README_HOOKS_START)
const end = text.indexOf(README_HOOKS_END)
if (start < 0 || end < start) throw new Error(`README.md: no ${README_HOOKS_START} … ${README_HOOKS_END} section`)
fs.writeFileSync(readme, `${text.slice(0, start + README_HOOKS_START.length)}\n${readmeHookList()}\n${text.slice(end)}`)
console.log('wrote the hook list in README.md')
