import { runHook } from './run-hook'

// A separate, small bundle so a hook costs a Node start-up and an append, not the whole CLI.
const chunks: Buffer[] = []
process.stdin.on('data', (chunk: Buffer) => chunks.push(chunk))
process.stdin.on('end', () => {
  runHook(Buffer.concat(chunks).toString('utf8'), process.env, { plugin: process.argv.includes('--plugin') })
  process.exitCode = 0
})
process.stdin.on('error', () => {
  process.exitCode = 0
})
