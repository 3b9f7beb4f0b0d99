import { z } from 'zod'

/**
 * Claude API list prices in US dollars per million tokens, by model family (the model id without its
 * -YYYYMMDD date). Source: Anthropic's pricing page (https://www.anthropic.com/pricing#api) and model
 * announcements, as of PRICES_AS_OF. Cache writes are the 5-minute tier (1.25 × input); the long-context
 * tier above 200k input tokens is not applied. A model missing here is *unpriced*: it counts 0 and is
 * flagged, never guessed. Add or correct a price without a release in `prices.json` in the data folder
 * (PRICE_FILE_NAME, shaped like priceFileSchema).
 */
export const PRICES_AS_OF = '2026-11-01'

export interface ModelPrice {
  input: number
  output: number
  cacheWrite: number
  cacheRead: number
}

const price = (input: number, output: number): ModelPrice => ({ input, output, cacheWrite: input * 1.25, cacheRead: input / 10 })

export const CLAUDE_PRICES: Readonly<Record<string, ModelPrice>> = {
  'claude-opus-4-6': price(5, 25),
  'claude-opus-4-5': price(5, 25),
  'claude-opus-4-1': price(15, 75),
  'claude-opus-4': price(15, 75),
  'claude-sonnet-4-5': price(3, 15),
  'claude-sonnet-4': price(3, 15),
  'claude-haiku-4-5': price(1, 5),
  'claude-3-7-sonnet': price(3, 15),
  'claude-3-5-sonnet': price(3, 15),
  'claude-3-5-haiku': price(0.8, 4),
  'claude-3-opus': price(15, 75),
  'claude-3-sonnet': price(3, 15),
  'claude-3-haiku': { input: 0.25, output: 1.25, cacheWrite: 0.3, cacheRead: 0.03 },
}

export const PRICE_FILE_NAME = 'prices.json'

const perMillion = z.number().nonnegative().max(10_000)
export const priceFileSchema = z
  .object({
    models: z.record(z.string().min(1).max(200), z.object({ input: perMillion, output: perMillion, cacheWrite: perMillion.optional(), cacheRead: perMillion.optional() }).strict()),
  })
  .strict()

/** The family a model id belongs to: its id without a trailing -YYYYMMDD. */
export const modelFamily = (model: string) => model.replace(/-\d{8}$/, '')

export type PriceTable = Readonly<Record<string, ModelPrice>>

/** The built-in table with the user's file laid over it (a price given there wins). */
export function priceTable(overrides?: z.output<typeof priceFileSchema>): PriceTable {
  const table: Record<string, ModelPrice> = { ...CLAUDE_PRICES }
  for (const [model, p] of Object.entries(overrides?.models ?? {})) table[modelFamily(model)] = { input: p.input, output: p.output, cacheWrite: p.cacheWrite ?? p.input * 1.25, cacheRead: p.cacheRead ?? p.input / 10 }
  return table
}

export function priceOf(model: string, table: PriceTable): ModelPrice | null {
  return table[model] ?? table[modelFamily(model)] ?? null
}

export interface TokenCounts {
  inputTokens: number
  outputTokens: number
  cacheCreationTokens: number
  cacheReadTokens: number
}

export function costOf(tokens: TokenCounts, p: ModelPrice): number {
  return (tokens.inputTokens * p.input + tokens.outputTokens * p.output + tokens.cacheCreationTokens * p.cacheWrite + tokens.cacheReadTokens * p.cacheRead) / 1_000_000
}
