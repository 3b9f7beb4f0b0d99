import { z } from 'zod'
import { endpoint } from './endpoint'

/** Which sentence encoder gives search its sense of meaning. */
export const embedderSettingSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('use-lite') }).strict(),
  z.object({
    kind: z.literal('transformers'),
    /** An absolute model folder, or a Hugging Face id looked up in the app's models folder. */
    model: z.string().min(1).max(500),
    /** Download the model into the app's models folder if it is not there. Off by default. */
    allowDownload: z.boolean().default(false),
  }).strict(),
])
export type EmbedderSetting = z.infer<typeof embedderSettingSchema>

export interface ScoreBreakdown {
  /** Relevance to the request (the brief's "semantic" part), 0..1. */
  semantic: number
  /** What relevance is made of: wording (BM25), meaning (embeddings), character 4-grams (word parts), lift from similar past requests, and (negative) unhelpful marks on similar requests. */
  relevance?: { wording: number; meaning: number; ngram?: number; history: number; feedback?: number }
  effectiveness: number
  context: number
  /** Product of the penalty factors; 1 when none apply. */
  penalty: number
  penalties: string[]
  final: number
  /** Plain-language reasons behind the numbers. */
  explanation: string[]
}

export interface SkillMatchView {
  name: string
  description: string
  kind: 'skill' | 'command'
  path: string
  projectName: string | null
  /** What to type in Claude Code to run it. */
  invocation: string
  score: ScoreBreakdown
}

export interface SearchResultView {
  query: string
  /** 'lexical' while embeddings are still being computed or the embedder failed to load. */
  mode: 'hybrid' | 'lexical'
  embedder: string
  skillsIndexed: number
  tookMs: number
  /** Unscaled 4-gram cosine of the request and the most relevant skill: how strongly anything fits at all. */
  matchStrength: number
  /** No skill clearly fits (match strength under the calibrated threshold): the results are only the closest. */
  noClearMatch: boolean
  /** The stored recommendation these results are (for feedback); null when not recorded. */
  recommendationId: number | null
  results: SkillMatchView[]
}

export interface CatalogueStatusView {
  skills: number
  commands: number
  roots: Array<{ dir: string; projectName: string | null; skills: number }>
  extraFolders: string[]
  embedder: {
    setting: EmbedderSetting
    model: string
    /** 'refining': meaning works from each skill's description; its other texts are still being embedded. */
    state: 'idle' | 'embedding' | 'refining' | 'ready' | 'failed'
    embedded: number
    total: number
    error: string | null
  }
  warnings: string[]
}

const folderList = z.array(z.string().min(1).max(4096)).max(50)

export const searchApi = {
  'skills-find': endpoint<SearchResultView>()(
    z.object({
      query: z.string().trim().min(1).max(2000),
      limit: z.number().int().min(1).max(100).optional(),
      /** Skills of this project get the context bonus. */
      projectId: z.number().int().positive().optional(),
      /** Recent skills of this session get the context bonus. */
      sessionId: z.string().min(1).max(200).optional(),
      /** Who asked, for the real-use metrics: the Search page, the CLI or the MCP server. */
      source: z.enum(['ui', 'cli', 'mcp']).optional(),
      /** Record it as a recommendation (default true; the Search page's typing and refetches collapse into one, docs/search.md). */
      record: z.boolean().optional(),
    }).strict(),
  ),
  'catalogue-status': endpoint<CatalogueStatusView>()(z.object({}).strict()),
  /** Re-reads the skill folders now (the watcher does this on its own as files change). */
  'catalogue-refresh': endpoint<CatalogueStatusView>()(z.object({}).strict()),
  'catalogue-settings-set': endpoint<CatalogueStatusView>()(
    z.object({ extraFolders: folderList.optional(), embedder: embedderSettingSchema.optional() }).strict(),
  ),
  /**
   * Opens a catalogued skill file in the system's editor, or with `reveal` shows it in its folder
   * (the file manager); other paths are refused.
   */
  'skill-file-open': endpoint<{ opened: string }>()(z.object({ path: z.string().min(1).max(4096), reveal: z.boolean().optional() }).strict()),
}
