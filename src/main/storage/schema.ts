import type { Generated, Insertable, Selectable, Updateable } from 'kysely'

/**
 * Row types of the SQLite database, one interface per table (snake_case, as stored).
 * API types (camelCase) live in src/shared/api; repositories translate between them.
 * Booleans are stored as 0/1 integers, timestamps as ISO-8601 text in UTC, JSON as text.
 */
export interface Database {
  /** One row per model reply (message id + request id), its tokens by kind. */
  token_usage: TokenUsageTable
  /** Every transcript tool call: name, outcome, time to its result (no inputs). */
  tool_calls: ToolCallsTable
  /** The transcript files that hold a session's lines. */
  session_files: { session_id: string; path: string; project_id: number }
  /** The skill each prompt matched best at ingest (strength: unscaled 4-gram cosine); no text. */
  prompt_matches: { prompt_id: number; project_id: number; session_id: string; ts: string; skill_name: string; strength: number }
  recommendations: RecommendationsTable
  recommendation_feedback: {
    recommendation_id: number
    skill: string
    helpful: number
    created_at: string
    model: string | null
    request_vector: Buffer | null
  }
  projects: ProjectsTable
  sessions: SessionsTable
  skill_invocations: SkillInvocationsTable
  workflow_runs: WorkflowRunsTable
  workflow_nodes: WorkflowNodesTable
  skills: SkillsTable
  text_embeddings: TextEmbeddingsTable
  insight_dirty_days: { project_id: number; day: string }
  /** Old (sign -1) and new (+1) values of counted runs updated since the last summary refresh, appended by triggers. */
  insight_changes: {
    sign: number
    project_id: number
    day: string
    skill_name: string
    status: string
    duration_ms: number | null
    error_type: string | null
    workflow_path: string | null
    follow_up_actions: string
    started_at: string
  }
  /** Runs with ids up to last_id are counted in the summaries; later ones are added by the next refresh. */
  insight_cursor: { last_id: number }
  insight_dirty_sessions: { project_id: number; day: string; session_id: string }
  /** Each session-day's runs in order, [skill, 1 when completed], as the summaries last counted them. */
  session_day_steps: { project_id: number; day: string; session_id: string; steps: string }
  usage_daily: UsageDailyTable
  session_days: { project_id: number; day: string; sessions: number }
  usage_monthly: Omit<UsageDailyTable, 'day'> & { month: string; histogram: string }
  sequence_monthly: { project_id: number; month: string; sequence: string; length: number; sessions: number; completed: number }
  session_months: { project_id: number; month: string; sessions: number }
  duration_monthly_included: { month: string; skill_name: string; histogram: string }
  sequence_monthly_included: { month: string; sequence: string; length: number; sessions: number; completed: number }
  duration_daily: { project_id: number; day: string; skill_name: string; bucket: number; n: number }
  sequence_daily: { project_id: number; day: string; sequence: string; length: number; sessions: number; completed: number }
  skill_facts_daily: SkillFactsDailyTable
  skill_facts_monthly: Omit<SkillFactsDailyTable, 'day'> & { month: string }
  ingest_files: IngestFilesTable
  ingest_errors: IngestErrorsTable
  /** Transcripts read to their end that belong to no registered project (skipped until they change or a project is registered). */
  transcripts_outside_projects: { path: string; size: number; mtime_ms: number; checked_at: string }
  app_settings: AppSettingsTable
  prompts: PromptsTable
}

export type SqlBoolean = 0 | 1

export interface ProjectsTable {
  id: Generated<number>
  path: string
  name: string
  project_type: Generated<string>
  /** Opt-in: read this project's files and ingest its events. */
  track: Generated<SqlBoolean>
  /** Opt-in: count this project in cross-project insights. */
  include_in_insights: Generated<SqlBoolean>
  /** Whether users' prompts may be stored (as invocation user queries). */
  store_prompts: Generated<SqlBoolean>
  registered_at: string
  updated_at: string
}

export interface SessionsTable {
  id: string
  project_id: number
  started_at: string
  ended_at: string | null
  end_reason: string | null
  git_branch: string | null
  model: string | null
  source: string
  created_at: string
  /** 1 for sessions an importer made up (legacy rows without session ids): kept out of sequences and correlation. */
  synthetic: Generated<SqlBoolean>
}

export type InvocationStatus = 'running' | 'completed' | 'failed' | 'abandoned' | 'unknown'

export interface SkillInvocationsTable {
  id: Generated<number>
  project_id: number
  session_id: string | null
  skill_name: string
  status: InvocationStatus
  started_at: string
  ended_at: string | null
  duration_ms: number | null
  error_type: string | null
  workflow_path: string | null
  user_query: string | null
  /** JSON array of strings. */
  follow_up_actions: Generated<string>
  /** Where the row came from: event-log, transcript, legacy-json, legacy-sqlite, ... */
  source: string
  /** Unique across all sources so a re-import or a second source never double counts. */
  source_ref: string
  /** Who said how the run ended: the caller ('explicit') or Session Buddy from evidence ('inferred'); null while running. */
  outcome_source: 'explicit' | 'inferred' | null
  /** JSON RunEvidence (src/main/outcomes): the signals an inferred outcome rests on. */
  evidence: string | null
  /** Version of the derivation that wrote the outcome; rows below CURRENT_DERIVATION predate honest outcomes. */
  derivation: Generated<number>
  /** 1 where the source gave no time: started_at then holds an upper bound, not the moment. */
  time_unknown: Generated<SqlBoolean>
}

export type WorkflowStatus = 'running' | 'completed' | 'failed'

export interface WorkflowRunsTable {
  id: Generated<number>
  project_id: number
  session_id: string | null
  workflow_id: string
  name: string
  status: WorkflowStatus
  started_at: string
  ended_at: string | null
  duration_ms: number | null
  /** JSON object. */
  metadata: Generated<string>
  source_ref: string
}

export interface WorkflowNodesTable {
  id: Generated<number>
  run_id: number
  node_id: string
  name: string
  status: WorkflowStatus
  started_at: string
  ended_at: string | null
  duration_ms: number | null
  error: string | null
  metadata: Generated<string>
  source_ref: string
}

export interface SkillsTable {
  id: Generated<number>
  /** Null for skills outside any project (the user's home, extra folders). */
  project_id: number | null
  path: string
  name: string
  description: Generated<string>
  kind: 'skill' | 'command'
  /** JSON array of { heading, text }. */
  sections: Generated<string>
  content_hash: string
  deprecated: Generated<SqlBoolean>
  indexed_at: string
}

export interface TextEmbeddingsTable {
  model: string
  /** sha256 of the embedded text. */
  text_hash: string
  dims: number
  /** Float32 little-endian. */
  vector: Buffer
  created_at: string
}

export interface IngestFilesTable {
  id: Generated<number>
  project_id: number
  path: string
  kind: string
  /** Bytes consumed so far; committed in the same transaction as the rows they produced. */
  offset: Generated<number>
  /** Lines consumed so far, for error messages that name a line. */
  line: Generated<number>
  size: Generated<number>
  /** Device, inode and a fingerprint of the first line, to notice a file replaced under the same name. */
  identity: string
  /** Modification time (ms) when last read: with the size, one stat tells an event file with nothing new. */
  mtime_ms: number | null
  /** 1: named for a day two or more days past and read to its end; catch-ups no longer stat it. */
  settled: Generated<SqlBoolean>
  updated_at: string
}

export interface IngestErrorsTable {
  id: Generated<number>
  project_id: number
  file_path: string
  line: number | null
  reason: string
  excerpt: string | null
  created_at: string
}

export interface RecommendationsTable {
  id: Generated<number>
  source: 'ui' | 'cli' | 'mcp' | 'legacy'
  created_at: string
  session_id: string | null
  project_id: number | null
  request_hash: string
  request_text: string | null
  /** JSON [{ skill, score }] in rank order. */
  shown: string
  runs_before: number
  resolved: Generated<number>
  run_id: number | null
  run_skill: string | null
  run_rank: number | null
  legacy_ref: string | null
}

export interface PromptsTable {
  id: Generated<number>
  project_id: number
  session_id: string
  ts: string
  /** Null where the project does not allow storing prompts. */
  text: string | null
  source_ref: string
  /** 1 for a sub-agent's prompt (written by the main agent): it does not end the user's turn. */
  from_agent: Generated<number>
}

export interface AppSettingsTable {
  key: string
  /** JSON value. */
  value: string
  updated_at: string
}

export type ProjectRow = Selectable<ProjectsTable>
export type NewProjectRow = Insertable<ProjectsTable>
export type ProjectRowUpdate = Updateable<ProjectsTable>

/** Per project, UTC day and skill: counts by outcome and duration totals (see migration 005). */
export interface UsageDailyTable {
  project_id: number
  day: string
  skill_name: string
  invocations: number
  completed: number
  failed: number
  abandoned: number
  /** Ended runs whose outcome could not be told (docs/outcomes.md). */
  unknown: number
  duration_n: number
  duration_sum_ms: number
  /** First and last start of the skill in the day (month); null only until the next refresh after an upgrade. */
  first_at: string | null
  last_at: string | null
}

/** Counts of one skill's error types, workflow paths and follow-up actions per project and day. */
export interface SkillFactsDailyTable {
  project_id: number
  day: string
  skill_name: string
  kind: 'error' | 'path' | 'follow-up'
  value: string
  n: number
}

export interface TokenUsageTable {
  dedupe_key: string
  project_id: number
  session_id: string
  ts: string
  model: string
  input_tokens: number
  output_tokens: number
  cache_creation_tokens: number
  cache_read_tokens: number
}

export interface ToolCallsTable {
  tool_use_id: string
  project_id: number
  session_id: string
  name: string
  started_at: string
  status: 'pending' | 'ok' | 'error'
  duration_ms: number | null
}
