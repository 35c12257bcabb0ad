import { sql } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

/** /healthz: the process is up. /readyz: the database answers and both gateways are reachable. */
const routes: FastifyPluginAsyncZod = async (app) => {
  app.get('/healthz', { schema: { hide: true } }, async () => ({ ok: true }));
  app.get('/readyz', { schema: { hide: true } }, async (_req, reply) => {
    const database = (() => {
      try {
        app.ctx.db.get(sql`select 1`);
        return true;
      } catch {
        return false;
      }
    })();
    const [identity, bank] = await Promise.all([app.ctx.identity.ping(), app.ctx.bank.ping()]);
    const ready = database && identity && bank;
    return reply.status(ready ? 200 : 503).send({ ready, database, identity, bank });
  });
};
export default routes;
