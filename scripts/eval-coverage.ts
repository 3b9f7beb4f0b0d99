// `npm run eval:coverage [-- --prompts FILE] [--skills DIR] [--json]`: scores each labelled prompt against
// every skill file under DIR the way ingest does (PromptMatcher: wording and 4-grams, strongest match),
// then prints precision and recall of "this skill should have run" at each threshold, the lowest
// threshold whose precision reaches 0.80, and the figures at the threshold the app ships
// (SHOULD_HAVE_RUN_MIN). A prediction is right when its skill's name is one of the prompt's labels;
// a prompt labelled [] has no skill that should have run.
import fs from 'node:fs'
import path from 'node:path'
import { parseSkillFile } from '../src/main/catalogue/skill-file-parser'
import { SHOULD_HAVE_RUN_MIN } from '../src/main/coverage/missed-triggers'
import { PromptMatcher } from '../src/main/coverage/prompt-matcher'
import type { CatalogueSkill } from '../src/main/catalogue/catalogue.service'
import { listFilesDeep } from '../src/main/system/files'

const args = process.argv.slice(2)
const option = (name: string) => {
  const i = args.indexOf(name)
  return i >= 0 ? args[i + 1] : undefined
}
const root = path.resolve(__dirname, '..')
const skillsDir = path.resolve(option('--skills') ?? path.join(root, '..', 'shared', 'corpus', 'skills'))
const promptsFile = path.resolve(option('--prompts') ?? path.join(root, 'eval', 'coverage-prompts.jsonl'))
const TARGET_PRECISION = 0.8
for (const [what, where] of [['skills folder', skillsDir], ['prompts file', promptsFile]]) {
  if (!fs.existsSync(where!)) {
    console.error(`eval:coverage: no ${what} at ${where}; pass --skills DIR / --prompts FILE`)
    process.exit(2)
  }
}

const catalogue: CatalogueSkill[] = listFilesDeep(skillsDir, (name) => name.endsWith('.md')).map((file, id) => {
  const parsed = parseSkillFile(file, fs.readFileSync(file, 'utf8'))
  return { ...parsed, id, projectId: null, projectName: null, path: file, contentHash: '' }
})
const names = new Set(catalogue.map((s) => s.name))
const prompts = fs
  .readFileSync(promptsFile, 'utf8')
  .split('\n')
  .map((line, i) => ({ line, number: i + 1 }))
  .filter(({ line }) => line.trim())
  .map(({ line, number }) => {
    try {
      const p = JSON.parse(line) as { prompt: string; skills: string[] }
      if (typeof p.prompt !== 'string' || !Array.isArray(p.skills)) throw new Error('needs "prompt" and "skills"')
      const unknown = p.skills.find((s) => !names.has(s))
      if (unknown !== undefined) throw new Error(`"${unknown}" names no skill under ${skillsDir}`)
      return p
    } catch (error) {
      console.error(`eval:coverage: ${promptsFile}:${number}: ${(error as Error).message}`)
      process.exit(2)
    }
  })

const matcher = new PromptMatcher(() => catalogue)
const started = performance.now()
const scored = prompts.map((p) => ({ ...p, match: matcher.best(1, p.prompt) }))
const msPerPrompt = (performance.now() - started) / prompts.length
const labelled = prompts.filter((p) => p.skills.length > 0).length

function at(threshold: number) {
  const predicted = scored.filter((p) => p.match && p.match.strength >= threshold)
  const right = predicted.filter((p) => p.skills.includes(p.match!.skill)).length
  return { threshold, predicted: predicted.length, right, precision: predicted.length ? right / predicted.length : 1, recall: right / labelled }
}
const sweep = Array.from({ length: 64 }, (_, i) => Math.round((0.085 + i * 0.005) * 1000) / 1000).map(at)
const lowest = sweep.find((r) => r.precision >= TARGET_PRECISION && sweep.filter((s) => s.threshold >= r.threshold).every((s) => s.precision >= TARGET_PRECISION))
const shipped = at(SHOULD_HAVE_RUN_MIN)

if (args.includes('--json')) {
  console.log(JSON.stringify({ prompts: prompts.length, labelled, skills: catalogue.length, msPerPrompt, shipped, lowestReachingTarget: lowest ?? null, sweep }, null, 2))
} else {
  const row = (r: ReturnType<typeof at>) => `threshold ${r.threshold.toFixed(3)}  precision ${r.precision.toFixed(3)}  recall ${r.recall.toFixed(3)}  (${r.right} right of ${r.predicted} flagged)`
  console.log(`${prompts.length} prompts (${labelled} with a skill that should run, ${prompts.length - labelled} with none), ${catalogue.length} skills, ${msPerPrompt.toFixed(2)} ms a prompt`)
  for (const r of sweep.filter((_, i) => i % 4 === 0)) console.log(`  ${row(r)}`)
  console.log(lowest ? `lowest threshold with precision ≥ ${TARGET_PRECISION} from there up: ${row(lowest)}` : `no threshold reaches precision ${TARGET_PRECISION}`)
  console.log(`shipped (SHOULD_HAVE_RUN_MIN): ${row(shipped)}`)
}
