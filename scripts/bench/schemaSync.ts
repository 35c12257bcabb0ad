/**
 * The bench keeps its seeded databases (seeding 1M people takes minutes). During this wave the BFF has ONE baseline
 * migration per dialect, regenerated whenever a schema file changes, so a kept database would no longer match it.
 * Index-only changes (what performance work does) are carried over here: the baseline's indexes are created or
 * dropped to match, and the migration row is updated, so the BFF starts on it as on a fresh one. Any other change
 * (a table, a column) makes the bench seed again: `tablesHash` is part of the seeded database's marker.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';

const migrations = (dialect: 'sqlite' | 'postgres', repoRoot: string) =>
  join(repoRoot, 'bff', 'src', 'db', dialect === 'sqlite' ? 'sqlite' : 'pg', 'migrations');

export function baseline(dialect: 'sqlite' | 'postgres', repoRoot: string) {
  const dir = migrations(dialect, repoRoot);
  const journal = JSON.parse(readFileSync(join(dir, 'meta', '_journal.json'), 'utf8')) as {
    entries: { when: number; tag: string }[];
  };
  if (journal.entries.length !== 1) throw new Error('the bench expects one baseline migration per dialect');
  const [entry] = journal.entries;
  const text = readFileSync(join(dir, `${entry.tag}.sql`), 'utf8');
  const statements = text.split('--> statement-breakpoint').map((s) => s.trim());
  const isIndex = (s: string) => /^CREATE (UNIQUE )?INDEX/i.test(s);
  const indexes = new Map<string, string>();
  for (const s of statements.filter(isIndex)) {
    const name = /INDEX [`"]([^`"]+)[`"]/i.exec(s)?.[1];
    if (name) indexes.set(name, s.replace(/;$/, ''));
  }
  return {
    when: entry.when,
    hash: createHash('sha256').update(text).digest('hex'),
    tablesHash: createHash('sha256')
      .update(statements.filter((s) => !isIndex(s)).join('\n'))
      .digest('hex'),
    indexes,
  };
}

/**
 * An index definition in a comparable form: drizzle's DDL and what the database reports (PostgreSQL's indexdef,
 * SQLite's stored SQL) differ in quoting, schema prefix, case and spacing, not in substance.
 */
export const normalizeIndex = (ddl: string) =>
  ddl
    .toLowerCase()
    .replace(/["`]/g, '')
    .replace(/\bpublic\./g, '')
    .replace(/::text/g, '')
    .replace(/ using btree/g, '')
    .replace(/[()]/g, ' ')
    .replace(/\s*,\s*/g, ',')
    .replace(/\s+/g, ' ')
    .replace(/;$/, '')
    .trim();

/** Brings a seeded database's indexes (names and definitions) and migration row to the current baseline. */
export async function syncIndexes(
  dialect: 'sqlite' | 'postgres',
  repoRoot: string,
  target: string,
  log: (m: string) => void,
) {
  const b = baseline(dialect, repoRoot);
  if (dialect === 'sqlite') {
    const db = new Database(target);
    try {
      let changed = false;
      const have = db.prepare(`select name, sql from sqlite_master where type = 'index' and sql is not null`).all() as {
        name: string;
        sql: string;
      }[];
      for (const { name, sql } of have)
        if (!b.indexes.has(name) || normalizeIndex(b.indexes.get(name) as string) !== normalizeIndex(sql)) {
          db.exec(`drop index "${name}"`);
          changed = true;
          log(`index ${name} dropped`);
        }
      const names = new Set(
        have
          .filter(({ name, sql }) => normalizeIndex(b.indexes.get(name) ?? '') === normalizeIndex(sql))
          .map((h) => h.name),
      );
      for (const [name, ddl] of b.indexes)
        if (!names.has(name)) {
          db.exec(ddl);
          changed = true;
          log(`index ${name} created`);
        }
      if (changed) {
        db.exec('analyze');
      }
      db.prepare('update __drizzle_migrations set hash = ?, created_at = ?').run(b.hash, b.when);
    } finally {
      db.close();
    }
    return;
  }
  const client = new pg.Client({ connectionString: target });
  await client.connect();
  try {
    let changed = false;
    const have = await client.query(
      `select i.indexname as name, i.indexdef as sql from pg_indexes i where i.schemaname = 'public'
        and not exists (select 1 from pg_constraint c where c.conname = i.indexname)`,
    );
    const rows = have.rows as { name: string; sql: string }[];
    const same = (name: string, sql: string) => normalizeIndex(b.indexes.get(name) ?? '') === normalizeIndex(sql);
    for (const { name, sql } of rows)
      if (!b.indexes.has(name) || !same(name, sql)) {
        await client.query(`drop index "${name}"`);
        changed = true;
        log(`index ${name} dropped`);
      }
    const names = new Set(rows.filter(({ name, sql }) => same(name, sql)).map((h) => h.name));
    for (const [name, ddl] of b.indexes)
      if (!names.has(name)) {
        await client.query(ddl);
        changed = true;
        log(`index ${name} created`);
      }
    if (changed) await client.query('analyze');
    await client.query('update drizzle.__drizzle_migrations set hash = $1, created_at = $2', [b.hash, b.when]);
  } finally {
    await client.end();
  }
}
