// `npm run eval:search [-- --queries FILE] [--no-match FILE] [--skills DIR] [--json] [--method a,b] [--model FOLDER]`:
// indexes every skill file under DIR as one catalogue, runs the labelled queries and prints top-1,
// top-3, MRR and each top-3 miss with what outranked it. A label must name a skill file under DIR.
// Queries with no right answer (`"relevant": []`, from --no-match, default eval/no-match-queries.jsonl)
// calibrate "no clear match": how often search says so when it should, and when it should not.
// Vectors are cached in node_modules/.cache/session-buddy/eval.sqlite (same store as the app), so
// re-runs are quick.
import fs from 'node:fs'
import path from 'node:path'
import { parseSkillFile } from '../src/main/catalogue/skill-file-parser'
import { createEmbedder } from '../src/main/search/create-embedder'
import { EmbeddingStore, embedWithStore } from '../src/main/search/embedding-store'
import { toSearchable } from '../src/main/search/searchable-skill'
import { NO_CLEAR_MATCH_BELOW, SkillSearch, type RelevanceMethod } from '../src/main/search/skill-search'
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
const noMatchFile = path.resolve(option('--no-match') ?? path.join(root, 'eval', 'no-match-queries.jsonl'))
for (const [what, where] of [['skills folder', skillsDir], ['queries file', queriesFile], ['no-match queries file', noMatchFile]]) {
  if (!fs.existsSync(where!)) {
    console.error(`eval:search: no ${what} at ${where}; pass --skills DIR / --queries FILE`)
    process.exit(2)
  }
}
const methods = (option('--method') ?? 'lexical,ngram,embedding,lexical+embedding,lexical+ngram,hybrid').split(',') as RelevanceMethod[]
const modelFolder = option('--model')

interface Query {
  query: string
  relevant: string[]
}

function readQueries(file: string, skillKeys: Set<string>): Query[] {
  return fs
    .readFileSync(file, 'utf8')
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
        console.error(`eval:search: ${file}:${number}: ${(error as Error).message}`)
        process.exit(2)
      }
    })
}

async function main() {
  const files = listFilesDeep(skillsDir, (name) => name.endsWith('.md'))
  const key = (file: string) => path.relative(skillsDir, file).split(path.sep).join('/')
  const parsed = files.map((f) => ({ key: key(f), skill: parseSkillFile(f, fs.readFileSync(f, 'utf8')) }))
  const keys = new Set(parsed.map((p) => p.key))
  const queries = [...readQueries(queriesFile, keys), ...readQueries(noMatchFile, keys)]

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
    const silent = { unanswerable: 0, answerable: 0, topRight: 0, topWrong: 0 }
    const counts = { unanswerable: 0, answerable: 0, topRight: 0, topWrong: 0 }
    for (const [i, q] of queries.entries()) {
      const outcome = search.search(q.query, { limit: 20, queryVector: queryVectors[i], method })
      const ranked = outcome.results.map((r) => r.key)
      const rank = ranked.findIndex((k) => q.relevant.includes(k))
      const kinds = q.relevant.length === 0 ? (['unanswerable'] as const) : (['answerable', rank === 0 ? 'topRight' : 'topWrong'] as const)
      for (const kind of kinds) {
        counts[kind]++
        if (outcome.noClearMatch) silent[kind]++
      }
      if (q.relevant.length === 0) continue
      if (rank === 0) top1++
      if (rank >= 0 && rank < 3) top3++
      else misses.push({ query: q.query, relevant: q.relevant, rank: rank >= 0 ? rank + 1 : null, ranked: ranked.slice(0, 3) })
      if (rank >= 0) reciprocal += 1 / (rank + 1)
    }
    const n = counts.answerable
    const share = (kind: keyof typeof counts) => (counts[kind] ? silent[kind] / counts[kind] : 0)
    const noClearMatch = {
      threshold: NO_CLEAR_MATCH_BELOW,
      unanswerable: counts.unanswerable,
      silentWhenItShould: share('unanswerable'),
      silentWhenItShouldNot: share('answerable'),
      silentWhenTopIsRight: share('topRight'),
      silentWhenTopIsWrong: share('topWrong'),
    }
    return { method, embedder: embedder.model, skills: files.length, queries: n, top1: top1 / n, top3: top3 / n, mrr: reciprocal / n, noClearMatch, misses }
  })
  await database.close()

  if (args.includes('--json')) {
    console.log(JSON.stringify(results, null, 2))
    return
  }
  for (const r of results) console.log(`${r.method.padEnd(17)} top-1 ${r.top1.toFixed(3)}  top-3 ${r.top3.toFixed(3)}  MRR ${r.mrr.toFixed(3)}  (${r.skills} skills, ${r.queries} queries, ${r.embedder})`)
  const pct = (x: number) => `${(x * 100).toFixed(0)} %`
  for (const r of results) {
    const c = r.noClearMatch
    console.log(
      `${r.method.padEnd(17)} "no clear match" (strength < ${c.threshold}): said for ${pct(c.silentWhenItShould)} of ${c.unanswerable} unanswerable requests, ${pct(c.silentWhenItShouldNot)} of answerable ones (${pct(c.silentWhenTopIsRight)} where the top result is right, ${pct(c.silentWhenTopIsWrong)} where it is wrong)`,
    )
  }
  const last = results.at(-1)!
  for (const m of last.misses) {
    console.log(`miss (${last.method}): "${m.query}"\n  wanted ${m.relevant.join(' | ')} (rank ${m.rank ?? '>20'})\n  above  ${m.ranked.join(' | ') || '(nothing)'}`)
  }
}

void main()
