// `npm run eval:search [-- --queries FILE] [--skills DIR] [--json] [--method lexical,embedding,hybrid] [--model FOLDER]`:
// indexes every skill file under DIR as one catalogue, runs the labelled queries and prints top-1,
// top-3, MRR and each top-3 miss with what outranked it. A label must name a skill file under DIR.
// Vectors are cached in node_modules/.cache/session-buddy/eval.sqlite (same store as the app), so
// re-runs are quick.
import fs from 'node:fs'
import path from 'node:path'
import { parseSkillFile } from '../src/main/catalogue/skill-file-parser'
import { createEmbedder } from '../src/main/search/create-embedder'
import { EmbeddingStore, embedWithStore } from '../src/main/search/embedding-store'
import { toSearchable } from '../src/main/search/searchable-skill'
import { SkillSearch, type RelevanceMethod } from '../src/main/search/skill-search'
import { skillTexts } from '../src/main/search/skill-texts'
import { VectorIndex } from '../src/main/search/vector-index'
import { openDatabase } from '../src/main/storage/database'
import { listFilesDeep } from '../src/main/system/files'

const args = process.argv.slice(2)
const option = (name: string) => {
  const i = args.indexOf(name)
  return i >= 0 ? args[i + 1] : undefined
}
const root = path.resolve(__dirname, '..')
const shared = path.resolve(root, '..', 'shared')
const skillsDir = path.resolve(option('--skills') ?? path.join(shared, 'corpus', 'skills'))
const queriesFile = path.resolve(option('--queries') ?? path.join(shared, 'eval', 'search-queries.jsonl'))
for (const [what, where] of [['skills folder', skillsDir], ['queries file', queriesFile]]) {
  if (!fs.existsSync(where!)) {
    console.error(`eval:search: no ${what} at ${where}; pass --skills DIR / --queries FILE`)
    process.exit(2)
  }
}
const methods = (option('--method') ?? 'lexical,embedding,hybrid').split(',') as RelevanceMethod[]
const modelFolder = option('--model')

interface Query {
  query: string
  relevant: string[]
}

function readQueries(skillKeys: Set<string>): Query[] {
  return fs
    .readFileSync(queriesFile, 'utf8')
    .split('\n')
    .map((line, i) => ({ line, number: i + 1 }))
    .filter(({ line }) => line.trim())
    .map(({ line, number }) => {
      try {
        const q = JSON.parse(line) as Query
        if (typeof q.query !== 'string' || !Array.isArray(q.relevant)) throw new Error('needs "query" and "relevant"')
        const unknown = q.relevant.find((key) => !skillKeys.has(key))
        if (unknown !== undefined) throw new Error(`"${unknown}" is not a skill file under ${skillsDir}`)
        return q
      } catch (error) {
        console.error(`eval:search: ${queriesFile}:${number}: ${(error as Error).message}`)
        process.exit(2)
      }
    })
}

async function main() {
  const files = listFilesDeep(skillsDir, (name) => name.endsWith('.md'))
  const key = (file: string) => path.relative(skillsDir, file).split(path.sep).join('/')
  const parsed = files.map((f) => ({ key: key(f), skill: parseSkillFile(f, fs.readFileSync(f, 'utf8')) }))
  const queries = readQueries(new Set(parsed.map((p) => p.key)))

  const cacheDir = path.join(root, 'node_modules', '.cache', 'session-buddy')
  fs.mkdirSync(cacheDir, { recursive: true })
  const database = await openDatabase(path.join(cacheDir, 'eval.sqlite'))
  const embedder = createEmbedder(modelFolder ? { kind: 'transformers', model: path.resolve(modelFolder), allowDownload: false } : { kind: 'use-lite' }, cacheDir)
  const store = new EmbeddingStore(database.sqlite)
  const perSkill = parsed.map(({ skill }) => skillTexts(skill))
  const started = performance.now()
  const vectors = await embedWithStore(store, embedder, [...perSkill.flat().map((t) => t.text), ...queries.map((q) => q.query)], {
    onProgress: ({ done, total }) => process.stderr.isTTY && process.stderr.write(`\rembedding ${done}/${total}`),
  })
  if (process.stderr.isTTY) process.stderr.write(`\r${vectors.length} texts embedded or read from cache in ${((performance.now() - started) / 1000).toFixed(1)} s\n`)
  let next = 0
  const index = new VectorIndex(parsed.map(({ key }, i) => ({ key, parts: perSkill[i]!.map((t) => ({ kind: t.kind, vector: vectors[next++]! })) })))
  const queryVectors = vectors.slice(next)
  const search = new SkillSearch(
    parsed.map(({ key, skill }) => toSearchable(key, skill)),
    () => new Map(),
    index,
  )

  const results = methods.map((method) => {
    let top1 = 0
    let top3 = 0
    let reciprocal = 0
    const misses: Array<{ query: string; relevant: string[]; rank: number | null; ranked: string[] }> = []
    for (const [i, q] of queries.entries()) {
      const ranked = search.find(q.query, { limit: 20, queryVector: queryVectors[i], method }).map((r) => r.key)
      const rank = ranked.findIndex((k) => q.relevant.includes(k))
      if (rank === 0) top1++
      if (rank >= 0 && rank < 3) top3++
      else misses.push({ query: q.query, relevant: q.relevant, rank: rank >= 0 ? rank + 1 : null, ranked: ranked.slice(0, 3) })
      if (rank >= 0) reciprocal += 1 / (rank + 1)
    }
    const n = queries.length
    return { method, embedder: embedder.model, skills: files.length, queries: n, top1: top1 / n, top3: top3 / n, mrr: reciprocal / n, misses }
  })
  await database.close()

  if (args.includes('--json')) {
    console.log(JSON.stringify(results, null, 2))
    return
  }
  for (const r of results) console.log(`${r.method.padEnd(10)} top-1 ${r.top1.toFixed(3)}  top-3 ${r.top3.toFixed(3)}  MRR ${r.mrr.toFixed(3)}  (${r.skills} skills, ${r.queries} queries, ${r.embedder})`)
  const last = results.at(-1)!
  for (const m of last.misses) {
    console.log(`miss (${last.method}): "${m.query}"\n  wanted ${m.relevant.join(' | ')} (rank ${m.rank ?? '>20'})\n  above  ${m.ranked.join(' | ') || '(nothing)'}`)
  }
}

void main()
