import fs from 'node:fs'
import path from 'node:path'
import type BetterSqlite3 from 'better-sqlite3'
import { ApiError } from '../../shared/api/errors'
import type { ModelBreakdown, ProjectCostView, SessionUsage, SkillCostView, TokenTotals, UsageBreakdownView, UsageReport } from '../../shared/api/usage'
import type { ScopedWindow } from '../insights/insights.repository'
import type { Database } from '../storage/schema'
import { sql, type ExpressionBuilder, type SelectQueryBuilder } from 'kysely'
import { all, query } from '../storage/typed-query'
import { jsonErrorLocation, jsonErrorReason } from '../system/json-error-location'
import { costOf, PRICE_FILE_NAME, priceFileSchema, priceOf, PRICES_AS_OF, priceTable, type PriceTable } from './claude-prices'

/** A session's tokens and cost in a list; `unpriced`: some of its tokens are of a model with no known price. */
export interface SessionCost {
  tokens: number
  cost: number
  unpriced: boolean
}

type Filter = { projectId?: number; since?: string; sessionId?: string }

/**
 * Tokens and cost per session and model, from the replies counted at import (token_usage). Cost is
 * worked out on read from the price table, so a price added in prices.json applies to the past too.
 */
export class UsageService {
  constructor(
    private readonly sqlite: BetterSqlite3.Database,
    /** The data folder, where a prices.json may add or correct prices; null for the built-in table only. */
    private readonly dataDir: string | null,
  ) {}

  sessions(filter: Omit<Filter, 'sessionId'> = {}): UsageReport {
    const prices = this.prices()
    const sessions = this.rows(filter, prices.table)
    const totals = sessions.reduce(
      (t, s) => ({
        inputTokens: t.inputTokens + s.inputTokens,
        outputTokens: t.outputTokens + s.outputTokens,
        cacheCreationTokens: t.cacheCreationTokens + s.cacheCreationTokens,
        cacheReadTokens: t.cacheReadTokens + s.cacheReadTokens,
        totalTokens: t.totalTokens + s.totalTokens,
        totalCost: t.totalCost + s.totalCost,
      }),
      { inputTokens: 0, outputTokens: 0, cacheCreationTokens: 0, cacheReadTokens: 0, totalTokens: 0, totalCost: 0 },
    )
    const unpricedModels = [...new Set(sessions.flatMap((s) => s.unpricedModels))].sort()
    return { sessions, totals: { ...totals, unpricedModels }, prices: { asOf: PRICES_AS_OF, overridden: prices.overridden } }
  }

  /**
   * Tokens and cost of each session that has any, for lists: `sessions` is a query of session ids
   * (the list's own filter), so only those are summed.
   */
  totalsBySession<DB, TB extends keyof DB>(sessions: SelectQueryBuilder<DB, TB, { id: string }>): Map<string, SessionCost> {
    const prices = this.prices().table
    const rows = all(
      this.sqlite,
      query
        .selectFrom('token_usage as u')
        .select((eb) => [
          'u.session_id',
          'u.model',
          ...tokenSums(eb),
        ])
        .where('u.session_id', 'in', sessions)
        .groupBy(['u.session_id', 'u.model']),
    )
    const totals = new Map<string, SessionCost>()
    for (const r of rows) {
      const c = priced(r, prices)
      const entry = totals.get(r.session_id) ?? { tokens: 0, cost: 0, unpriced: false }
      entry.tokens += c.tokens
      entry.cost += c.cost
      entry.unpriced ||= c.unpriced
      totals.set(r.session_id, entry)
    }
    return totals
  }

  /** Tokens and cost per project, and per skill over the replies inside its runs' spans, in a window. */
  breakdown(window: ScopedWindow): Omit<UsageBreakdownView, 'scope'> {
    const prices = this.prices()
    const cost = (r: TokenRow) => priced(r, prices.table)
    if (window.projects.length === 0) return { days: [], projects: [], skills: [], prices: { asOf: PRICES_AS_OF, overridden: prices.overridden } }
    const from = window.from ?? '0000-00-00'
    const until = `${window.until}~`
    const perProject = all(
      this.sqlite,
      query
        .selectFrom('token_usage as u')
        .innerJoin('projects as p', 'p.id', 'u.project_id')
        .select((eb) => ['u.project_id', 'p.name', 'u.model', eb.fn.count<number>('u.session_id').distinct().as('sessions'), ...tokenSums(eb as never)])
        .where('u.project_id', 'in', window.projects)
        .where('u.ts', '>=', from)
        .where('u.ts', '<=', until)
        .groupBy(['u.project_id', 'u.model']),
    )
    const projects = new Map<number, ProjectCostView>()
    for (const r of perProject) {
      const c = cost(r)
      const entry = projects.get(r.project_id) ?? { projectId: r.project_id, name: r.name, sessions: 0, tokens: 0, cost: 0, unpriced: false }
      entry.sessions = Math.max(entry.sessions, r.sessions)
      entry.tokens += c.tokens
      entry.cost += c.cost
      entry.unpriced ||= c.unpriced
      projects.set(r.project_id, entry)
    }
    const perDay = all(
      this.sqlite,
      query
        .selectFrom('token_usage as u')
        .select((eb) => [sql<string>`substr(u.ts, 1, 10)`.as('day'), 'u.model', ...tokenSums(eb as never)])
        .where('u.project_id', 'in', window.projects)
        .where('u.ts', '>=', from)
        .where('u.ts', '<=', until)
        .groupBy([sql`substr(u.ts, 1, 10)`, 'u.model']),
    )
    const days = new Map<string, UsageBreakdownView['days'][number]>()
    for (const r of perDay) {
      const c = cost(r)
      const entry = days.get(r.day) ?? { day: r.day, tokens: 0, cost: 0, unpriced: false }
      entry.tokens += c.tokens
      entry.cost += c.cost
      entry.unpriced ||= c.unpriced
      days.set(r.day, entry)
    }
    // Replies written while a run was open: the run's session, from its start to its end.
    const inRuns = () =>
      query
        .selectFrom('skill_invocations as i')
        .innerJoin('token_usage as u', (join) => join.onRef('u.session_id', '=', 'i.session_id').onRef('u.ts', '>=', 'i.started_at').onRef('u.ts', '<=', 'i.ended_at'))
        .where('i.project_id', 'in', window.projects)
        .where('i.started_at', '>=', from)
        .where('i.started_at', '<=', until)
    const perSkill = all(this.sqlite, inRuns().select((eb) => ['i.skill_name as skill', 'u.model', ...tokenSums(eb as never)]).groupBy(['i.skill_name', 'u.model']))
    const runs = new Map(all(this.sqlite, inRuns().select((eb) => ['i.skill_name as skill', eb.fn.count<number>('i.id').distinct().as('runs')]).groupBy('i.skill_name')).map((r) => [r.skill, r.runs]))
    const skills = new Map<string, SkillCostView>()
    for (const r of perSkill) {
      const c = cost(r)
      const entry = skills.get(r.skill) ?? { skill: r.skill, runs: runs.get(r.skill) ?? 0, tokens: 0, cost: 0, costPerRun: 0, unpriced: false }
      entry.tokens += c.tokens
      entry.cost += c.cost
      entry.unpriced ||= c.unpriced
      skills.set(r.skill, entry)
    }
    return {
      days: [...days.values()].sort((a, b) => a.day.localeCompare(b.day)),
      projects: [...projects.values()].sort((a, b) => b.cost - a.cost || b.tokens - a.tokens),
      skills: [...skills.values()].map((s) => ({ ...s, costPerRun: s.runs ? s.cost / s.runs : 0 })).sort((a, b) => b.cost - a.cost || b.tokens - a.tokens),
      prices: { asOf: PRICES_AS_OF, overridden: prices.overridden },
    }
  }

  session(sessionId: string): SessionUsage | null {
    return this.rows({ sessionId }, this.prices().table)[0] ?? null
  }

  private rows(filter: Filter, prices: PriceTable): SessionUsage[] {
    const rows = all(
      this.sqlite,
      query
        .selectFrom('token_usage as u')
        .innerJoin('projects as p', 'p.id', 'u.project_id')
        .select((eb) => [
          'u.session_id',
          'u.model',
          eb.fn.max('p.path').as('project_path'),
          ...tokenSums(eb),
          eb.fn.max('u.ts').as('last_ts'),
        ])
        .$if(filter.projectId !== undefined, (q) => q.where('u.project_id', '=', filter.projectId!))
        .$if(filter.since !== undefined, (q) => q.where('u.ts', '>=', filter.since!))
        .$if(filter.sessionId !== undefined, (q) => q.where('u.session_id', '=', filter.sessionId!))
        .groupBy(['u.session_id', 'u.model']),
    )
    const bySession = new Map<string, SessionUsage>()
    for (const r of rows) {
      const session = bySession.get(r.session_id) ?? {
        sessionId: r.session_id,
        projectPath: r.project_path,
        inputTokens: 0,
        outputTokens: 0,
        cacheCreationTokens: 0,
        cacheReadTokens: 0,
        totalTokens: 0,
        totalCost: 0,
        lastActivity: '',
        modelsUsed: [],
        modelBreakdowns: [],
        unpricedModels: [],
      }
      const tokens = tokensOf(r)
      const c = priced(r, prices)
      // ccusage leaves Claude Code's own placeholder replies out of the models a session used.
      const counted = r.model !== SYNTHETIC
      const breakdown: ModelBreakdown = { modelName: r.model, ...tokens, cost: c.cost, unpriced: c.unpriced }
      session.inputTokens += r.input
      session.outputTokens += r.output
      session.cacheCreationTokens += r.cache_creation
      session.cacheReadTokens += r.cache_read
      session.totalTokens += total(tokens)
      session.totalCost += breakdown.cost
      if (r.last_ts > session.lastActivity) session.lastActivity = r.last_ts
      if (counted) {
        session.modelsUsed.push(r.model)
        session.modelBreakdowns.push(breakdown)
      }
      if (breakdown.unpriced) session.unpricedModels.push(r.model)
      bySession.set(r.session_id, session)
    }
    return [...bySession.values()]
      .map((s) => ({ ...s, lastActivity: s.lastActivity.slice(0, 10), modelsUsed: s.modelsUsed.sort(), modelBreakdowns: s.modelBreakdowns.sort((a, b) => b.cost - a.cost || a.modelName.localeCompare(b.modelName)) }))
      .sort((a, b) => b.lastActivity.localeCompare(a.lastActivity) || a.sessionId.localeCompare(b.sessionId))
  }

  /** Changes when prices.json is added, edited or removed: what a cache of costs is valid for. */
  pricesStamp(): string {
    const file = this.dataDir ? path.join(this.dataDir, PRICE_FILE_NAME) : null
    const stat = file ? fs.statSync(file, { throwIfNoEntry: false }) : undefined
    return stat ? `${stat.size}:${stat.mtimeMs}` : 'built-in'
  }

  /** The built-in prices with the user's prices.json over them; a file that cannot be read is an error naming it and its line. */
  private prices(): { table: PriceTable; overridden: boolean } {
    const file = this.dataDir ? path.join(this.dataDir, PRICE_FILE_NAME) : null
    if (!file || !fs.existsSync(file)) return { table: priceTable(), overridden: false }
    const text = fs.readFileSync(file, 'utf8')
    let json: unknown
    try {
      json = JSON.parse(text)
    } catch (error) {
      const at = jsonErrorLocation(text)
      throw new ApiError('invalid-input', `${file}${at ? `:${at}` : ''}: not valid JSON (${jsonErrorReason(error)}); costs use the built-in prices once it is fixed or removed`)
    }
    const parsed = priceFileSchema.safeParse(json)
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!
      throw new ApiError('invalid-input', `${file}: ${issue.path.join('.') || 'top level'}: ${issue.message}`)
    }
    return { table: priceTable(parsed.data), overridden: true }
  }
}

interface TokenRow {
  model: string
  input: number
  output: number
  cache_creation: number
  cache_read: number
}

/** Claude Code's own placeholder replies: counted, never priced, never listed as a model used. */
const SYNTHETIC = '<synthetic>'

/** The four token sums of a group of token_usage rows (aliased u), named as TokenRow reads them. */
const tokenSums = (eb: ExpressionBuilder<Database & { u: Database['token_usage'] }, 'u'>) => [
  eb.fn.sum<number>('u.input_tokens').as('input'),
  eb.fn.sum<number>('u.output_tokens').as('output'),
  eb.fn.sum<number>('u.cache_creation_tokens').as('cache_creation'),
  eb.fn.sum<number>('u.cache_read_tokens').as('cache_read'),
]

const tokensOf = (r: TokenRow) => ({ inputTokens: r.input, outputTokens: r.output, cacheCreationTokens: r.cache_creation, cacheReadTokens: r.cache_read })

/** One model's tokens, their cost from the table, and whether the model has no price (counted as 0). */
function priced(r: TokenRow, prices: PriceTable): { tokens: number; cost: number; unpriced: boolean } {
  const tokens = tokensOf(r)
  const price = priceOf(r.model, prices)
  return { tokens: total(tokens), cost: price ? costOf(tokens, price) : 0, unpriced: !price && r.model !== SYNTHETIC && total(tokens) > 0 }
}

const total = (t: Omit<TokenTotals, 'totalTokens'>) => t.inputTokens + t.outputTokens + t.cacheCreationTokens + t.cacheReadTokens
