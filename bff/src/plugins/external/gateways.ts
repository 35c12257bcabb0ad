import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { type BankGateway, createBankGateway } from '../../gateways/bankGateway.ts';
import { createIdentityGateway, type IdentityGateway } from '../../gateways/identityGateway.ts';

declare module 'fastify' {
  interface FastifyInstance {
    gateways: { identity: IdentityGateway; bank: BankGateway };
  }
}

/** The outside systems, reached only over HTTP through one client each, configured by URL. */
export default fp(
  async (app: FastifyInstance) => {
    const { identityUrl, bankUrl, gatewayAppKey: appKey, bankTimeoutMs: timeoutMs } = app.config;
    app.decorate('gateways', {
      identity: createIdentityGateway({ baseUrl: identityUrl, appKey, timeoutMs }),
      bank: createBankGateway({ baseUrl: bankUrl, appKey, timeoutMs }),
    });
  },
  { name: 'gateways', dependencies: ['config'] },
);
