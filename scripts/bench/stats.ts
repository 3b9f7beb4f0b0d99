import { performance } from 'node:perf_hooks'

export function percentile(sortedMs: number[], p: number): number {
  if (sortedMs.length === 0) return NaN
  const index = Math.min(sortedMs.length - 1, Math.max(0, Math.ceil((p / 100) * sortedMs.length) - 1))
  return sortedMs[index]!
}

/** Times `run` `count` times (after `warmup` untimed runs) and returns sorted durations in ms. */
export async function timeRuns(count: number, run: () => unknown, warmup = 3): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await run()
  const times: number[] = []
  for (let i = 0; i < count; i++) {
    const start = performance.now()
    await run()
    times.push(performance.now() - start)
  }
  return times.sort((a, b) => a - b)
}

export function report(name: string, value: string): void {
  console.log(`${name.padEnd(52)} ${value}`)
}

export const ms = (value: number) => `${value.toFixed(2)} ms`

export function summary(times: number[]): string {
  return `p50 ${ms(percentile(times, 50))}  p95 ${ms(percentile(times, 95))}  (n=${times.length})`
}
