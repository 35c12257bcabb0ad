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

/** Brings a seeded database's indexes and migration row to the current baseline. */
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
      const row = db
        .prepare('select created_at as at from __drizzle_migrations order by created_at desc limit 1')
        .get() as { at: number } | undefined;
      if (Number(row?.at) === b.when) return;
      const have = db.prepare(`select name from sqlite_master where type = 'index' and sql is not null`).all() as {
        name: string;
      }[];
      for (const { name } of have)
        if (!b.indexes.has(name)) {
          db.exec(`drop index "${name}"`);
          log(`index ${name} dropped`);
        }
      const names = new Set(have.map((h) => h.name));
      for (const [name, ddl] of b.indexes)
        if (!names.has(name)) {
          db.exec(ddl);
          log(`index ${name} created`);
        }
      db.exec('analyze');
      db.prepare('update __drizzle_migrations set hash = ?, created_at = ?').run(b.hash, b.when);
    } finally {
      db.close();
    }
    return;
  }
  const client = new pg.Client({ connectionString: target });
  await client.connect();
  try {
    const r = await client.query(
      'select created_at as at from drizzle.__drizzle_migrations order by created_at desc limit 1',
    );
    if (Number(r.rows[0]?.at) === b.when) return;
    const have = await client.query(
      `select i.indexname as name from pg_indexes i where i.schemaname = 'public'
        and not exists (select 1 from pg_constraint c where c.conname = i.indexname)`,
    );
    for (const { name } of have.rows as { name: string }[])
      if (!b.indexes.has(name)) {
        await client.query(`drop index "${name}"`);
        log(`index ${name} dropped`);
      }
    const names = new Set((have.rows as { name: string }[]).map((h) => h.name));
    for (const [name, ddl] of b.indexes)
      if (!names.has(name)) {
        await client.query(ddl);
        log(`index ${name} created`);
      }
    await client.query('analyze');
    await client.query('update drizzle.__drizzle_migrations set hash = $1, created_at = $2', [b.hash, b.when]);
  } finally {
    await client.end();
  }
}
