import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { createFieldCrypto } from '../../lib/fieldCrypto.ts';
import { createServices, type ServiceContext, type Services } from '../../services/index.ts';

declare module 'fastify' {
  interface FastifyInstance {
    ctx: ServiceContext;
    services: Services;
  }
}

/** The use cases, built once over the database, the gateways, the crypto and the clock; routes use `app.services`. */
export default fp(
  async (app: FastifyInstance) => {
    const ctx: ServiceContext = {
      db: app.db,
      config: app.config,
      clock: app.clock,
      crypto: createFieldCrypto(app.config.dataKey),
      identity: app.gateways.identity,
      bank: app.gateways.bank,
      notify: app.gateways.notify,
    };
    app.decorate('ctx', ctx);
    app.decorate('services', createServices(ctx));
  },
  { name: 'services', dependencies: ['config', 'db', 'gateways'] },
);
