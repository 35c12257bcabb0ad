import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { ServiceContext, Services } from '../../services/index.ts';

declare module 'fastify' {
  interface FastifyInstance {
    ctx: ServiceContext;
    services: Services;
  }
}

/** Hands the database, gateways and use cases to the routes as decorators. */
export default fp(async (app: FastifyInstance, opts: { ctx: ServiceContext; services: Services }) => {
  app.decorate('ctx', opts.ctx);
  app.decorate('services', opts.services);
});
