import type { TestProject } from 'vitest/node';
import { type Postgres, startPostgres } from '../../scripts/postgres.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A PostgreSQL cluster's URL when the suite runs on PostgreSQL (YKT_TEST_DB=postgres); '' on SQLite. */
    pgUrl: string;
    /** That cluster's data directory (the at-rest test reads its files); '' when unknown. */
    pgDataDir: string;
  }
}

/**
 * The BFF suite runs on SQLite (default) and, with YKT_TEST_DB=postgres, on a real PostgreSQL 15: the test command
 * passes the URL of the cluster it started (YKT_TEST_PG_URL); run alone, this starts a throwaway one and stops it.
 */
export default async function setup(project: TestProject) {
  let pg: Postgres | undefined;
  let url = '';
  let dataDir = '';
  if (process.env.YKT_TEST_DB === 'postgres') {
    url = process.env.YKT_TEST_PG_URL ?? '';
    dataDir = process.env.YKT_TEST_PG_DATADIR ?? '';
    if (!url) {
      pg = await startPostgres();
      url = pg.url;
      dataDir = pg.dataDir;
    }
  }
  project.provide('pgUrl', url);
  project.provide('pgDataDir', dataDir);
  return async () => {
    await pg?.stop();
  };
}
