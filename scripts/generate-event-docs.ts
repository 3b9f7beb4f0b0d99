import fs from 'node:fs'
import path from 'node:path'
import { renderEventFormatDoc } from '../src/main/events/event-format-doc'

const target = path.resolve(__dirname, '..', 'docs', 'event-format.md')
fs.writeFileSync(target, renderEventFormatDoc())
console.log(`Wrote ${target}`)
