import fs from 'node:fs'
import path from 'node:path'
import BetterSqlite3 from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { tempDir } from '../test-support/temp-dir'
import { backupsDir } from './backups'
import { appliedMigrations, openDatabase } from './database'
import { migrations } from './migrations'

const ALL = Object.keys(migrations)
const FIRST = ALL[0]!
const BEFORE_OUTCOMES = '2026-11-25-005-insight-summaries'

describe('openDatabase', () => {
  it('migrates an empty database to the latest schema with WAL and foreign keys on', async () => {
    const file = path.join(tempDir(), 'nested', 'db.sqlite')
    const database = await openDatabase(file)
    try {
      expect(await appliedMigrations(database.db)).toEqual(ALL)
      expect(database.sqlite.pragma('journal_mode', { simple: true })).toBe('wal')
      expect(database.sqlite.pragma('foreign_keys', { simple: true })).toBe(1)
      expect(database.sqlite.pragma('busy_timeout', { simple: true })).toBe(5000)
      const tables = database.sqlite
        .prepare("select name from sqlite_master where type = 'table' and name not like 'kysely_%' and name not like 'sqlite_%' order by name")
        .pluck()
        .all()
      expect(tables).toEqual([
        'app_settings',
        'duration_daily',
        'duration_monthly_included',
        'ingest_errors',
        'ingest_files',
        'insight_changes',
        'insight_cursor',
        'insight_dirty_days',
        'insight_dirty_sessions',
        'projects',
        'prompt_matches',
        'prompts',
        'recommendation_feedback',
        'recommendations',
        'sequence_daily',
        'sequence_monthly',
        'sequence_monthly_included',
        'session_day_steps',
        'session_days',
        'session_files',
        'session_months',
        'sessions',
        'skill_facts_daily',
        'skill_facts_monthly',
        'skill_invocations',
        'skills',
        'text_embeddings',
        'token_usage',
        'tool_calls',
        'transcripts_outside_projects',
        'usage_daily',
        'usage_monthly',
        'workflow_nodes',
        'workflow_runs',
      ])
    } finally {
      await database.close()
    }
  })

  it('upgrades a database left at the previous schema version and keeps its rows', async () => {
    const file = path.join(tempDir(), 'db.sqlite')
    const old = await openDatabase(file, { migrateTo: ALL.at(-2)! })
    expect(await appliedMigrations(old.db)).toEqual(ALL.slice(0, -1))
    old.sqlite
      .prepare("insert into projects (path, name, registered_at, updated_at) values ('/p', 'p', 'now', 'now')")
      .run()
    await old.close()

    const upgraded = await openDatabase(file)
    try {
      expect(await appliedMigrations(upgraded.db)).toEqual(ALL)
      expect(upgraded.sqlite.prepare('select name from projects').pluck().all()).toEqual(['p'])
      await upgraded.db.insertInto('app_settings').values({ key: 'k', value: '1', updated_at: 'now' }).execute()
    } finally {
      await upgraded.close()
    }
  })

  it('copies a database that holds data before migrating it, and only then', async () => {
    const dir = tempDir()
    const file = path.join(dir, 'db.sqlite')
    const old = await openDatabase(file, { migrateTo: ALL.at(-2)! })
    old.sqlite.prepare("insert into projects (path, name, registered_at, updated_at) values ('/p', 'p', 'now', 'now')").run()
    await old.close()
    await (await openDatabase(file)).close()
    const backups = fs.readdirSync(backupsDir(file))
    expect(backups).toHaveLength(1)
    expect(backups[0]).toMatch(new RegExp(`^pre-migration-.*-${ALL.at(-2)}\\.sqlite$`))
    const copy = await openDatabase(path.join(backupsDir(file), backups[0]!), { readonly: true })
    try {
      expect(await appliedMigrations(copy.db)).toEqual(ALL.slice(0, -1))
      expect(copy.sqlite.prepare('select name from projects').pluck().all()).toEqual(['p'])
    } finally {
      await copy.close()
    }
    // Up to date, or new: nothing to copy.
    await (await openDatabase(file)).close()
    await (await openDatabase(path.join(dir, 'new.sqlite'))).close()
    expect(fs.readdirSync(backupsDir(file)).filter((f) => f.endsWith('.sqlite'))).toHaveLength(1)
  })

  it('a migration that fails part-way leaves the database as it was, and it opens once the cause is gone', async () => {
    const file = path.join(tempDir(), 'db.sqlite')
    const old = await openDatabase(file, { migrateTo: BEFORE_OUTCOMES })
    // The run-outcomes migration rebuilds skill_invocations, then adds sessions.synthetic: make that last step fail.
    old.sqlite.exec('alter table sessions add column synthetic integer')
    await old.close()
    await expect(openDatabase(file)).rejects.toThrow(/Database migration failed \(2026-12-01-006-run-outcomes\): .*duplicate column name: synthetic/)
    const raw = new BetterSqlite3(file)
    try {
      // Rolled back whole: the rebuilt table is not there, the old one is, and no migration was recorded.
      const columns = (raw.prepare('pragma table_info(skill_invocations)').all() as Array<{ name: string }>).map((c) => c.name)
      expect(columns).not.toContain('outcome_source')
      expect(raw.prepare("select count(*) from sqlite_master where name = 'skill_invocations_new'").pluck().get()).toBe(0)
      expect(raw.prepare('select count(*) from kysely_migration').pluck().get()).toBe(ALL.indexOf(BEFORE_OUTCOMES) + 1)
      raw.exec('alter table sessions drop column synthetic')
    } finally {
      raw.close()
    }
    const fixed = await openDatabase(file)
    try {
      expect(await appliedMigrations(fixed.db)).toEqual(ALL)
    } finally {
      await fixed.close()
    }
  })

  it('opens an up-to-date database again without re-running migrations', async () => {
    const file = path.join(tempDir(), 'db.sqlite')
    await (await openDatabase(file)).close()
    const again = await openDatabase(file)
    try {
      expect(await appliedMigrations(again.db)).toEqual(ALL)
      expect(FIRST).toMatch(/^\d{4}-\d{2}-\d{2}-\d{3}-/)
    } finally {
      await again.close()
    }
  })

  it('enforces invocation statuses and unique source references', async () => {
    const database = await openDatabase(path.join(tempDir(), 'db.sqlite'))
    try {
      const { sqlite } = database
      sqlite.prepare("insert into projects (path, name, registered_at, updated_at) values ('/p', 'p', 'now', 'now')").run()
      const insert = sqlite.prepare(
        "insert into skill_invocations (project_id, skill_name, status, started_at, source, source_ref) values (1, 's', ?, 'now', 'test', ?)",
      )
      insert.run('completed', 'ref-1')
      expect(() => insert.run('finished', 'ref-2')).toThrow(/CHECK constraint/)
      expect(() => insert.run('completed', 'ref-1')).toThrow(/UNIQUE constraint/)
    } finally {
      await database.close()
    }
  })
})
