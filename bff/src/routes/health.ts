import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

/** /healthz: the process is up. /readyz: the database answers and both gateways are reachable. */
const routes: FastifyPluginAsyncZod = async (app) => {
  app.get('/healthz', { schema: { hide: true } }, async () => ({ ok: true }));
  app.get('/readyz', { schema: { hide: true } }, async (_req, reply) => {
    const { identity, bank } = app.gateways;
    const [database, identityUp, bankUp] = await Promise.all([app.db.ping(), identity.ping(), bank.ping()]);
    const ready = database && identityUp && bankUp;
    return reply.status(ready ? 200 : 503).send({ ready, database, identity: identityUp, bank: bankUp });
  });
};
export default routes;
