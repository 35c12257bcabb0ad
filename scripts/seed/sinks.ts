/**
 * Bulk writers of the scale generator, one per dialect. Both drop the secondary indexes of the tables they fill,
 * load with the cheapest path the database has, then rebuild the indexes (a sorted build is far quicker than a
 * million random B-tree inserts), set the identity sequences after the explicit ids, and ANALYZE.
 *
 * - SQLite: prepared multi-row INSERTs in big transactions, with `journal_mode = OFF`, `synchronous = OFF` and an
 *   exclusive lock while loading (a crash mid-load can leave the file corrupt: delete it and seed again; a generated
 *   database holds nothing else). WAL and `synchronous = NORMAL` are restored at the end, as the BFF expects them.
 * - PostgreSQL: COPY … FROM STDIN (text format) through pg-copy-streams on one connection, with
 *   `session_replication_role = replica` when the role may set it (skips the foreign-key triggers: the generator
 *   writes consistent rows), then VACUUM ANALYZE (statistics and the visibility map for index-only scans).
 */
import { once } from 'node:events';
import Database from 'better-sqlite3';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

export type Cell = string | number | boolean | null | undefined;

export interface TableWriter {
  /** A promise only when the writer wants the caller to wait (backpressure); await it then. */
  add(row: Cell[]): Promise<void> | undefined;
  end(): Promise<void>;
}

export interface Sink {
  readonly dialect: 'sqlite' | 'postgres';
  maxId(table: string, column?: string): Promise<number>;
  scalar(sql: string): Promise<number>;
  /** Drops the secondary indexes of these tables (kept to rebuild in finish). */
  beginLoad(tables: string[]): Promise<void>;
  table(name: string, columns: string[]): TableWriter;
  /** Rebuilds the indexes, moves the identity sequences past the explicit ids, ANALYZE; restores the settings. */
  finishLoad(log: (msg: string) => void): Promise<void>;
  close(): Promise<void>;
}

export function sqliteSink(path: string): Sink {
  const db = new Database(path);
  db.pragma('busy_timeout = 10000');
  let dropped: { name: string; sql: string }[] = [];
  let tables: string[] = [];
  return {
    dialect: 'sqlite',
    async maxId(table, column = 'id') {
      return (db.prepare(`select coalesce(max(${column}), 0) as n from ${table}`).get() as { n: number }).n;
    },
    async scalar(sql) {
      return Number(Object.values(db.prepare(sql).get() as object)[0] ?? 0);
    },
    async beginLoad(names) {
      tables = names;
      db.pragma('journal_mode = OFF');
      db.pragma('synchronous = OFF');
      db.pragma('locking_mode = EXCLUSIVE');
      db.pragma('foreign_keys = OFF');
      db.pragma('temp_store = MEMORY');
      db.pragma('cache_size = -1048576');
      dropped = db
        .prepare(
          `select name, sql from sqlite_master where type = 'index' and sql is not null and tbl_name in (${names
            .map(() => '?')
            .join(',')})`,
        )
        .all(...names) as { name: string; sql: string }[];
      for (const ix of dropped) db.exec(`drop index "${ix.name}"`);
    },
    table(name, columns) {
      const perStatement = Math.max(1, Math.min(200, Math.floor(30000 / columns.length)));
      const placeholders = `(${columns.map(() => '?').join(',')})`;
      const insertMany = db.prepare(
        `insert into ${name} (${columns.join(',')}) values ${Array(perStatement).fill(placeholders).join(',')}`,
      );
      const insertOne = db.prepare(`insert into ${name} (${columns.join(',')}) values ${placeholders}`);
      let buffer: Cell[] = [];
      let rows = 0;
      let inTx = false;
      const flat = (v: Cell) => (v === undefined ? null : typeof v === 'boolean' ? (v ? 1 : 0) : v);
      return {
        add(row) {
          if (!inTx) {
            db.exec('BEGIN');
            inTx = true;
          }
          for (const v of row) buffer.push(flat(v));
          rows++;
          if (rows % perStatement === 0) {
            insertMany.run(buffer);
            buffer = [];
          }
          if (rows % 500_000 === 0) {
            db.exec('COMMIT');
            inTx = false;
          }
          return undefined;
        },
        async end() {
          for (let k = 0; k < buffer.length; k += columns.length) insertOne.run(buffer.slice(k, k + columns.length));
          buffer = [];
          if (inTx) db.exec('COMMIT');
          inTx = false;
        },
      };
    },
    async finishLoad(log) {
      for (const ix of dropped) {
        const t = performance.now();
        db.exec(ix.sql);
        log(`index ${ix.name} ${((performance.now() - t) / 1000).toFixed(1)} s`);
      }
      dropped = [];
      const t = performance.now();
      // A full ANALYZE: a sampled one (analysis_limit) estimated 100k-row tables at a few thousand rows.
      for (const name of tables) db.exec(`analyze ${name}`);
      db.exec('analyze sqlite_master');
      log(`analyze ${((performance.now() - t) / 1000).toFixed(1)} s`);
    },
    async close() {
      // A load that failed mid-transaction: roll it back, so the pragmas below (and the real error) come through.
      if (db.inTransaction) db.exec('ROLLBACK');
      db.pragma('locking_mode = NORMAL');
      db.pragma('synchronous = NORMAL');
      db.pragma('journal_mode = WAL');
      db.close();
    },
  };
}

/** COPY's text format: backslash escapes, \N for null. */
function copyText(v: Cell): string {
  if (v === null || v === undefined) return '\\N';
  if (typeof v === 'number') return String(v);
  if (typeof v === 'boolean') return v ? 't' : 'f';
  return /[\\\t\n\r]/.test(v)
    ? v.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r')
    : v;
}

export async function postgresSink(url: string): Promise<Sink> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(`set maintenance_work_mem = '512MB'`);
  await client.query('set synchronous_commit = off');
  let replica = false;
  let dropped: { name: string; sql: string }[] = [];
  let tables: string[] = [];
  let busy: Promise<void> = Promise.resolve();
  return {
    dialect: 'postgres',
    async maxId(table, column = 'id') {
      const r = await client.query(`select coalesce(max(${column}), 0)::bigint as n from ${table}`);
      return Number(r.rows[0].n);
    },
    async scalar(sql) {
      const r = await client.query(sql);
      return Number(Object.values(r.rows[0] ?? {})[0] ?? 0);
    },
    async beginLoad(names) {
      tables = names;
      try {
        await client.query('set session_replication_role = replica');
        replica = true;
      } catch {
        // Not a superuser: the foreign keys are checked row by row (slower, same result).
      }
      const r = await client.query(
        `select i.indexname as name, i.indexdef as sql from pg_indexes i
          where i.schemaname = current_schema() and i.tablename = any($1)
            and not exists (select 1 from pg_constraint c where c.conname = i.indexname)`,
        [names],
      );
      dropped = r.rows;
      for (const ix of dropped) await client.query(`drop index "${ix.name}"`);
    },
    table(name, columns) {
      let chunk: string[] = [];
      let size = 0;
      let stream: ReturnType<typeof copyFrom> | undefined;
      const start = () => {
        stream = client.query(copyFrom(`copy ${name} (${columns.join(',')}) from stdin`));
        return stream;
      };
      // One COPY at a time on the one connection.
      const ready = busy;
      let opened: Promise<void> | undefined;
      const flush = async () => {
        if (!opened) opened = ready.then(() => void start());
        await opened;
        const s = stream as NonNullable<typeof stream>;
        const data = chunk.join('');
        chunk = [];
        size = 0;
        if (!s.write(data)) await once(s, 'drain');
      };
      let done: () => void = () => undefined;
      busy = new Promise((r) => {
        done = r;
      });
      return {
        add(row) {
          const line = `${row.map(copyText).join('\t')}\n`;
          chunk.push(line);
          size += line.length;
          return size > 1 << 20 ? flush() : undefined;
        },
        async end() {
          await flush();
          const s = stream as NonNullable<typeof stream>;
          s.end();
          await once(s, 'finish');
          done();
        },
      };
    },
    async finishLoad(log) {
      await busy;
      if (replica) await client.query('set session_replication_role = origin');
      for (const ix of dropped) {
        const t = performance.now();
        await client.query(ix.sql);
        log(`index ${ix.name} ${((performance.now() - t) / 1000).toFixed(1)} s`);
      }
      dropped = [];
      const withId = await client.query(
        `select table_name as t from information_schema.columns
          where table_schema = current_schema() and column_name = 'id' and table_name = any($1)`,
        [tables],
      );
      for (const { t: name } of withId.rows as { t: string }[]) {
        const seq = await client.query('select pg_get_serial_sequence($1, $2) as s', [name, 'id']);
        if (seq.rows[0]?.s) {
          await client.query(`select setval($1, greatest((select max(id) from ${name}), 1))`, [seq.rows[0].s]);
        }
      }
      const t = performance.now();
      await client.query(`vacuum (analyze) ${tables.join(', ')}`);
      log(`vacuum analyze ${((performance.now() - t) / 1000).toFixed(1)} s`);
    },
    async close() {
      await client.end();
    },
  };
}
