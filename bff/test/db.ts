import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';

/**
 * A fresh, empty database for one test app: a SQLite file in a temporary folder, or, when the suite runs on
 * PostgreSQL, a new database in the suite's cluster (the app migrates it at start). `drop()` removes it.
 */
export async function freshDatabase(): Promise<{
  config: { databasePath: string; databaseUrl?: string };
  dialect: 'sqlite' | 'postgres';
  drop(): Promise<void>;
}> {
  const dir = mkdtempSync(join(tmpdir(), 'ykt-test-'));
  const databasePath = join(dir, 'ykt.db');
  const pgUrl = inject('pgUrl');
  if (!pgUrl) {
    return {
      config: { databasePath },
      dialect: 'sqlite',
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const name = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: pgUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(pgUrl);
  url.pathname = `/${name}`;
  return {
    config: { databasePath, databaseUrl: url.toString() },
    dialect: 'postgres',
    async drop() {
      rmSync(dir, { recursive: true, force: true });
      const c = new pg.Client({ connectionString: pgUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}
