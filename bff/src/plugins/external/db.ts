import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { type DataStore, openDataStore } from '../../db/database.ts';

declare module 'fastify' {
  interface FastifyInstance {
    db: DataStore;
  }
}

/** The database (SQLite by default, PostgreSQL with YKT_DATABASE_URL), migrated at start and closed on close. */
export default fp(
  async (app: FastifyInstance) => {
    const { databaseUrl, databasePath, databasePoolSize } = app.config;
    const db = await openDataStore({ url: databaseUrl, path: databasePath, poolSize: databasePoolSize });
    app.decorate('db', db);
    app.addHook('onClose', async () => db.close());
  },
  { name: 'db', dependencies: ['config'] },
);
