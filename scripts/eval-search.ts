// `npm run eval:search [-- --queries FILE] [--skills DIR] [--json]`: indexes every skill file under
// DIR as one catalogue, runs the labelled queries and prints top-1, top-3, MRR and each top-3 miss.
import fs from 'node:fs'
import path from 'node:path'
import { parseSkillFile } from '../src/main/catalogue/skill-file-parser'
import { toSearchable } from '../src/main/search/searchable-skill'
import { listFilesDeep } from '../src/main/system/files'
import { SkillSearch, type RelevanceMethod } from '../src/main/search/skill-search'
import { UseLiteEmbedder } from '../src/main/search/use-lite-embedder'

const args = process.argv.slice(2)
const option = (name: string) => {
  const i = args.indexOf(name)
  return i >= 0 ? args[i + 1] : undefined
}
const shared = path.resolve(__dirname, '..', '..', 'shared')
const skillsDir = path.resolve(option('--skills') ?? path.join(shared, 'corpus', 'skills'))
const queriesFile = path.resolve(option('--queries') ?? path.join(shared, 'eval', 'search-queries.jsonl'))
for (const [what, where] of [['skills folder', skillsDir], ['queries file', queriesFile]]) {
  if (!fs.existsSync(where!)) {
    console.error(`eval:search: no ${what} at ${where}; pass --skills DIR / --queries FILE`)
    process.exit(2)
  }
}

const files = listFilesDeep(skillsDir, (name) => name.endsWith('.md'))
const key = (file: string) => path.relative(skillsDir, file).split(path.sep).join('/')
const skills = files.map((f) => toSearchable(key(f), parseSkillFile(f, fs.readFileSync(f, 'utf8'))))
const methods = (option('--method') ?? 'lexical,embedding,hybrid').split(',') as RelevanceMethod[]

async function main() {
const embedder = new UseLiteEmbedder()
const skillVectors = await embedder.embed(skills.map((s) => `${s.name.replace(/[-_:]/g, ' ')}: ${s.description}`))
const search = new SkillSearch(skills, () => [], new Map(skills.map((s, i) => [s.key, skillVectors[i]!])))
const queries = fs
  .readFileSync(queriesFile, 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l, i) => {
    try {
      return JSON.parse(l) as { query: string; relevant: string[] }
    } catch {
      console.error(`eval:search: ${queriesFile}:${i + 1} is not JSON`)
      process.exit(2)
    }
  })

const queryVectors = await embedder.embed(queries.map((q) => q.query))
const results = []
for (const method of methods) {
let top1 = 0
let top3 = 0
let reciprocal = 0
const misses: Array<{ query: string; relevant: string[]; ranked: string[] }> = []
for (const [i, q] of queries.entries()) {
  const ranked = search.find(q.query, { limit: 20, queryVector: queryVectors[i], method }).map((r) => r.key)
  const rank = ranked.findIndex((k) => q.relevant.includes(k))
  if (rank === 0) top1++
  if (rank >= 0 && rank < 3) top3++
  else misses.push({ query: q.query, relevant: q.relevant, ranked: ranked.slice(0, 3) })
  if (rank >= 0) reciprocal += 1 / (rank + 1)
}
results.push({ method, embedder: embedder.model, skills: files.length, queries: queries.length, top1: top1 / queries.length, top3: top3 / queries.length, mrr: reciprocal / queries.length, misses })
}
if (args.includes('--json')) console.log(JSON.stringify(results, null, 2))
else {
  for (const r of results) console.log(`${r.method.padEnd(10)} top-1 ${r.top1.toFixed(2)}  top-3 ${r.top3.toFixed(2)}  MRR ${r.mrr.toFixed(2)}  (${r.skills} skills, ${r.queries} queries, ${r.embedder})`)
  const last = results.at(-1)!
  for (const m of last.misses) console.log(`miss (${last.method}): "${m.query}"\n  wanted ${m.relevant.join(' | ')}\n  got    ${m.ranked.join(' | ') || '(nothing)'}`)
}
}
void main()
