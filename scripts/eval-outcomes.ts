// `npm run eval:outcomes [-- --prompts FILE] [--json]`: runs the next-prompt classifier behind inferred
// outcomes (src/main/outcomes) over labelled prompts and prints the confusion matrix, precision and
// recall per class, the targets for "correction", and every miss with the rule that decided it.
import path from 'node:path'
import { evaluatePrompts, PROMPT_CLASSES, readLabelledPrompts } from '../src/main/outcomes/prompt-eval'

const args = process.argv.slice(2)
const at = args.indexOf('--prompts')
const file = path.resolve(at >= 0 ? args[at + 1]! : path.join(__dirname, '..', 'eval', 'next-prompts.jsonl'))
let prompts
try {
  prompts = readLabelledPrompts(file)
} catch (error) {
  console.error(`eval:outcomes: ${(error as Error).message}`)
  process.exit(2)
}
const result = evaluatePrompts(prompts)
if (args.includes('--json')) {
  console.log(JSON.stringify(result, null, 2))
  process.exit(0)
}
const pct = (v: number | null) => (v === null ? 'n/a' : v.toFixed(3))
const width = 13
console.log(`${result.total} labelled prompts from ${path.relative(process.cwd(), file)}\n`)
console.log(`confusion (rows: labelled, columns: predicted)`)
console.log(['', ...PROMPT_CLASSES].map((c) => c.padEnd(width)).join(''))
for (const actual of PROMPT_CLASSES) console.log([actual, ...PROMPT_CLASSES.map((p) => String(result.confusion[actual][p]))].map((c) => c.padEnd(width)).join(''))
console.log('')
for (const c of PROMPT_CLASSES) {
  const m = result.perClass[c]
  console.log(`${c.padEnd(width)} precision ${pct(m.precision)}  recall ${pct(m.recall)}  (${m.support} labelled)`)
}
const correction = result.perClass.correction
const met = (correction.precision ?? 0) >= 0.9 && (correction.recall ?? 0) >= 0.7
console.log(`\ntargets for "correction": precision >= 0.90, recall >= 0.70: ${met ? 'met' : 'NOT met'}`)
if (result.misses.length) {
  console.log(`\nmisses:`)
  for (const miss of result.misses) console.log(`  line ${miss.line}: ${miss.label} -> ${miss.predicted} (${miss.rule}): ${JSON.stringify(miss.prompt)}`)
}
