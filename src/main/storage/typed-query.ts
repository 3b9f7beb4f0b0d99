import type BetterSqlite3 from 'better-sqlite3'
import { DummyDriver, Kysely, SqliteAdapter, SqliteIntrospector, SqliteQueryCompiler, type Compilable, type InferResult } from 'kysely'
import type { Database } from './schema'

/**
 * Typed queries that run synchronously. better-sqlite3 is synchronous and most of the app's reads are
 * called from synchronous code, while kysely executes asynchronously; so queries are built with this
 * kysely instance (it has no connection, only the SQLite compiler) and run on the app's connection,
 * their row types inferred from the builder. Only measured hot paths (the ingest projector and the bulk
 * writers) write raw statements, each with a line saying why.
 */
export const query = new Kysely<Database>({
  dialect: {
    createAdapter: () => new SqliteAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (db) => new SqliteIntrospector(db),
    createQueryCompiler: () => new SqliteQueryCompiler(),
  },
})

type Row<Q extends Compilable> = InferResult<Q> extends Array<infer R> ? R : InferResult<Q>

/** Every row of a built query. */
export function all<Q extends Compilable>(sqlite: BetterSqlite3.Database, built: Q): Array<Row<Q>> {
  const compiled = built.compile()
  return sqlite.prepare(compiled.sql).all(...(compiled.parameters as unknown[])) as Array<Row<Q>>
}

/** The first row of a built query, or undefined. */
export function first<Q extends Compilable>(sqlite: BetterSqlite3.Database, built: Q): Row<Q> | undefined {
  const compiled = built.compile()
  return sqlite.prepare(compiled.sql).get(...(compiled.parameters as unknown[])) as Row<Q> | undefined
}

/** Runs a built insert, update or delete; returns the rows changed. */
export function execute(sqlite: BetterSqlite3.Database, built: Compilable): number {
  const compiled = built.compile()
  return sqlite.prepare(compiled.sql).run(...(compiled.parameters as unknown[])).changes
}
