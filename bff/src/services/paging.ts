import { count, type SQL, type Subquery, sql } from 'drizzle-orm';
import type { ReadDb } from '../db/database.ts';
import { validationFailed } from '../lib/errors.ts';

/**
 * Lists at Chongqing's size (1M accounts, 100k requests a year, 1M audit rows) page by keyset, never by offset: a
 * page is the next `pageSize` rows after the last one seen, found by the index that orders the list, so page 500
 * costs what page 1 costs. The cursor is the last row's sort key, opaque to the client.
 */
export const encodeCursor = (key: (string | number)[]) => Buffer.from(JSON.stringify(key)).toString('base64url');

/** An ISO 8601 time as the service writes them (the part of a cursor compared with a timestamptz column). */
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?(Z|[+-]\d{2}:\d{2})$/;
/** Ids are 32-bit integers in both databases (PostgreSQL refuses a larger one with an error, not an empty page). */
const INT32 = 2 ** 31 - 1;

const fits: Record<'s' | 'n' | 't', (v: unknown) => boolean> = {
  n: (v) => Number.isInteger(v) && Math.abs(v as number) <= INT32,
  // No NUL: PostgreSQL refuses one in any text value.
  s: (v) => typeof v === 'string' && v.length <= 64 && !v.includes('\u0000'),
  t: (v) => typeof v === 'string' && ISO_TIME.test(v) && Number.isFinite(Date.parse(v)),
};

/**
 * The sort key a cursor carries, checked against the kinds of its parts (`n` id, `s` text, `t` time); a tampered
 * cursor is a 400, never a value the database chokes on (the fuzz's forged cursors answered 500 on PostgreSQL).
 */
export function decodeCursor<T extends (string | number)[]>(
  cursor: string | undefined,
  kinds: ('s' | 'n' | 't')[],
): T | undefined {
  if (!cursor) return undefined;
  try {
    const key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    const ok = Array.isArray(key) && key.length === kinds.length && key.every((v, i) => fits[kinds[i]](v));
    if (ok) return key as T;
  } catch {
    // falls through to the 400 below
  }
  throw validationFailed({ cursor: '翻页参数无效，请回到第一页重新查询' });
}

/**
 * Counting every match of a broad query over a million rows on each page is what made the console slow: the count
 * stops at TOTAL_CAP + 1 rows, and the answer says whether it is exact. 1,000 (50 pages of 20) is more than a
 * caseworker pages through; counting 10,001 index entries on every page cost 5-30 ms at 1M rows, on the one event
 * loop, so it was lowered (docs/benchmarks.md). The count runs on the list's own table only, never over a join,
 * unless a condition needs the other table.
 */
export const TOTAL_CAP = 1_000;

/** `matches`: a select of the query's rows (any columns), not yet limited. */
export async function cappedTotal(
  db: ReadDb,
  matches: { limit(n: number): { as(alias: string): Subquery } },
): Promise<{ total: number; totalExact: boolean }> {
  const [row] = await db.select({ n: count() }).from(matches.limit(TOTAL_CAP + 1).as('capped'));
  const n = row?.n ?? 0;
  return n > TOTAL_CAP ? { total: TOTAL_CAP, totalExact: false } : { total: n, totalExact: true };
}

/** `(a, b) < (x, y)` / `>`: the keyset condition, a row-value comparison both SQLite and PostgreSQL index. */
export const after = (columns: SQL[], key: (string | number)[], direction: 'asc' | 'desc'): SQL =>
  sql`(${sql.join(columns, sql`, `)}) ${direction === 'asc' ? sql`>` : sql`<`} (${sql.join(
    key.map((k) => sql`${k}`),
    sql`, `,
  )})`;
