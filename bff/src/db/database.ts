import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { type Column, getTableName, type SQL, type SQLWrapper, sql } from 'drizzle-orm';
import { drizzle as drizzleSqlite } from 'drizzle-orm/better-sqlite3';
import { migrate as migrateSqlite } from 'drizzle-orm/better-sqlite3/migrator';
import { drizzle as drizzlePg, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import * as pgSchema from './pg/schema.ts';
import * as sqliteSchema from './sqlite/schema.ts';

/**
 * The one data-access seam of the BFF, over SQLite (the embedded default) or PostgreSQL (production, any number of
 * instances). The services are written once against it:
 *
 * - `read` answers reads outside a unit of work. On SQLite it is a second, read-only connection to the same WAL
 *   file, so a request never sees the rows of a unit of work that has not committed.
 * - `unitOfWork(fn)` runs `fn` as one transaction and commits when it resolves (rolls back when it throws).
 *   better-sqlite3 transactions are synchronous and pg's are asynchronous; the boundary that serves both is an
 *   async unit of work: on SQLite one writer connection behind a promise-chain lock (`BEGIN IMMEDIATE` ... `await
 *   fn(writer)` ... `COMMIT`), on PostgreSQL drizzle's `transaction` on a pool. Never await an outside system (bank,
 *   identity platform) inside a unit of work: ask first, then write.
 * - `lock(tx, keys)` serialises units of work that must not interleave (one person's submissions, one card's
 *   verification count) across instances: advisory transaction locks on PostgreSQL; on SQLite the one writer
 *   already serialises every unit of work.
 *
 * Both dialects' tables have the same columns and JS types (schemaTypes.ts); the code is typed against the
 * PostgreSQL ones and queries are built with drizzle, so one query serves both. Where SQL differs (a name prefix,
 * a unique violation's error code) the difference lives here.
 */
export type Schema = typeof pgSchema;
export type Db = NodePgDatabase<Schema>;
/** What a unit of work gets: the same query API, bound to its transaction. */
export type Tx = Db;
/** Reads only: a read outside a unit of work can never write by accident. */
export type ReadDb = Pick<Db, 'select' | 'selectDistinct' | '$with' | 'with'>;

/**
 * The tables of the dialect a database handle or transaction belongs to, for the few shared functions that get a
 * transaction and nothing else (writeAudit, invalidateAccount). drizzle keeps the schema it was built with there.
 */
export const tablesOf = (d: ReadDb | Tx): Schema => (d as unknown as { _: { fullSchema: Schema } })._.fullSchema;

/**
 * `"table"."column"`, always qualified. drizzle leaves the table out of a select's columns when the query has no
 * join, so a correlated subquery in the select list (the card's pending request) must name both sides itself.
 */
export const qualified = (column: Column): SQL =>
  sql`${sql.identifier(getTableName(column.table))}.${sql.identifier(column.name)}`;

export interface DataStore {
  readonly dialect: 'sqlite' | 'postgres';
  readonly schema: Schema;
  readonly read: ReadDb;
  unitOfWork<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  lock(tx: Tx, ...keys: string[]): Promise<void>;
  /** `column` starts with `prefix`, as one index range in byte order (no wildcards: the prefix is taken literally). */
  startsWith(column: SQLWrapper, prefix: string): SQL;
  /** `column` in byte order, the order of the name indexes (ORDER BY and keyset comparisons of a name search). */
  textOrder(column: SQLWrapper): SQL;
  isUniqueViolation(err: unknown): boolean;
  /** Raw rows of a statement (the few queries drizzle's builder does not express, e.g. a capped count). */
  rows<T>(db: ReadDb | Tx, query: SQL): Promise<T[]>;
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

const here = dirname(fileURLToPath(import.meta.url));

/** `YKT_DATABASE_URL=postgres://...` selects PostgreSQL; otherwise the SQLite file at `path`. */
export async function openDataStore(opts: { url?: string; path: string; poolSize?: number }): Promise<DataStore> {
  if (opts.url && /^postgres(ql)?:\/\//.test(opts.url)) return openPostgres(opts.url, opts.poolSize ?? 20);
  return openSqlite(opts.path);
}

/** A driver's error, or the one drizzle wraps it in (DrizzleQueryError keeps it as `cause`). */
function driverCode(err: unknown): string | undefined {
  for (let e = err as { code?: unknown; cause?: unknown } | undefined, i = 0; e && i < 4; e = e.cause as never, i++) {
    if (typeof e.code === 'string') return e.code;
  }
  return undefined;
}

/**
 * better-sqlite3 compiles every statement drizzle hands it (drizzle prepares afresh for each query it builds): at
 * 1M rows the compile cost as much as running the query. The same SQL text gets the same compiled statement here
 * (a small LRU per connection); SQLite recompiles a cached statement by itself after a schema change. drizzle
 * switches a statement to raw mode when it wants arrays, so a reused one is switched back first.
 */
function cacheStatements(conn: Database.Database, size = 500) {
  const prepare = conn.prepare.bind(conn) as (source: string, ...rest: unknown[]) => Database.Statement;
  const cache = new Map<string, Database.Statement>();
  conn.prepare = ((source: string, ...rest: unknown[]) => {
    // better-sqlite3's own calls (pragma) pass more arguments: left alone.
    if (rest.length > 0) return prepare(source, ...rest);
    let statement = cache.get(source);
    if (statement) {
      cache.delete(source);
      cache.set(source, statement);
      if (statement.reader) statement.raw(false);
      return statement;
    }
    statement = prepare(source);
    cache.set(source, statement);
    if (cache.size > size) cache.delete(cache.keys().next().value as string);
    return statement;
  }) as typeof conn.prepare;
}

function openSqlite(path: string): DataStore {
  if (path === ':memory:') {
    // Two connections to ':memory:' would be two databases: the reader could never see the writer's rows.
    throw new Error('SQLite needs a file (the reader and the writer are two connections); use a temporary file');
  }
  mkdirSync(dirname(path), { recursive: true });
  const writer = new Database(path);
  writer.pragma('journal_mode = WAL');
  writer.pragma('foreign_keys = ON');
  writer.pragma('busy_timeout = 5000');
  writer.pragma('synchronous = NORMAL');
  const writerDb = drizzleSqlite(writer, { schema: sqliteSchema });
  migrateSqlite(writerDb, { migrationsFolder: join(here, 'sqlite', 'migrations') });
  // No PRAGMA optimize here: measured at 1M, its sampled re-analysis (analysis_limit) rewrote good statistics with
  // row counts of a few rows and the planner then walked whole indexes (docs/benchmarks.md). Statistics come from
  // ANALYZE after a bulk load (scripts/seed/scale.ts).
  cacheStatements(writer);

  const reader = new Database(path, { readonly: true });
  reader.pragma('busy_timeout = 5000');
  reader.pragma('cache_size = -65536');
  // No mmap: mapped pages count in the process's RSS (a 5 GB file at 1M people); SQLite's own cache is bounded.
  cacheStatements(reader);
  const readerDb = drizzleSqlite(reader, { schema: sqliteSchema });

  // The services are typed against the PostgreSQL flavour; at run time the SQLite builders answer the same awaits.
  const asDb = (d: unknown) => d as Db;
  let chain: Promise<unknown> = Promise.resolve();

  return {
    dialect: 'sqlite',
    schema: sqliteSchema as unknown as Schema,
    read: asDb(readerDb),
    unitOfWork<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
      const run = chain.then(async () => {
        writer.exec('BEGIN IMMEDIATE');
        try {
          const result = await fn(asDb(writerDb));
          writer.exec('COMMIT');
          return result;
        } catch (err) {
          if (writer.inTransaction) writer.exec('ROLLBACK');
          throw err;
        }
      });
      chain = run.catch(() => undefined);
      return run;
    },
    async lock() {
      // One writer: units of work never interleave on SQLite.
    },
    startsWith(column, prefix) {
      // Binary collation orders by UTF-8 bytes: [prefix, prefix + U+10FFFF) is exactly the names that start with it.
      return sql`(${column} >= ${prefix} and ${column} < ${`${prefix}\u{10FFFF}`})`;
    },
    textOrder: (column) => sql`${column}`,
    isUniqueViolation(err) {
      const code = driverCode(err);
      return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
    },
    async rows<T>(db: ReadDb | Tx, query: SQL) {
      return (db as unknown as { all(q: SQL): T[] }).all(query);
    },
    async ping() {
      try {
        reader.prepare('select 1').get();
        return true;
      } catch {
        return false;
      }
    },
    async close() {
      await chain;
      reader.close();
      // Leaves the WAL folded into the file, so a copy of data/ykt.db is complete.
      writer.pragma('wal_checkpoint(TRUNCATE)');
      writer.close();
    },
  };
}

async function openPostgres(url: string, poolSize: number): Promise<DataStore> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  // A connection that drops while idle must not take the process down; the next query gets a fresh one.
  pool.on('error', () => undefined);
  const db = drizzlePg(pool, { schema: pgSchema });
  // Several instances may start at once: one migrates, the others wait on the same advisory lock.
  const client = await pool.connect();
  try {
    await client.query('select pg_advisory_lock(7243001)');
    await migratePg(drizzlePg(client, { schema: pgSchema }), { migrationsFolder: join(here, 'pg', 'migrations') });
  } finally {
    await client.query('select pg_advisory_unlock(7243001)').catch(() => undefined);
    client.release();
  }

  return {
    dialect: 'postgres',
    schema: pgSchema,
    read: db,
    unitOfWork: (fn) => db.transaction((tx) => fn(tx as unknown as Tx)),
    async lock(tx, ...keys) {
      // Sorted, so two units of work taking the same keys cannot deadlock.
      for (const key of [...new Set(keys)].sort()) {
        await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${key}, 0))`);
      }
    },
    // collate "C" (byte order) whatever the database's locale: the same range and order as SQLite's binary
    // collation, served by the collate "C" name indexes (pg/schema.ts).
    startsWith(column, prefix) {
      return sql`(${column} collate "C" >= ${prefix} and ${column} collate "C" < ${`${prefix}\u{10FFFF}`})`;
    },
    textOrder: (column) => sql`${column} collate "C"`,
    isUniqueViolation: (err) => driverCode(err) === '23505',
    async rows<T>(d: ReadDb | Tx, query: SQL) {
      return (await (d as Db).execute(query)).rows as T[];
    },
    async ping() {
      try {
        await pool.query('select 1');
        return true;
      } catch {
        return false;
      }
    },
    close: () => pool.end(),
  };
}
