import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { type BankGateway, createBankGateway } from '../../gateways/bankGateway.ts';
import { createIdentityGateway, type IdentityGateway } from '../../gateways/identityGateway.ts';
import { createNotifyGateway, type NotifyGateway } from '../../gateways/notifyGateway.ts';

declare module 'fastify' {
  interface FastifyInstance {
    gateways: { identity: IdentityGateway; bank: BankGateway; notify: NotifyGateway };
  }
}

/** The outside systems, reached only over HTTP through one client each, configured by URL. */
export default fp(
  async (app: FastifyInstance) => {
    const { identityUrl, bankUrl, notifyUrl, gatewayAppKey: appKey, bankTimeoutMs: timeoutMs } = app.config;
    app.decorate('gateways', {
      identity: createIdentityGateway({ baseUrl: identityUrl, appKey, timeoutMs }),
      bank: createBankGateway({ baseUrl: bankUrl, appKey, timeoutMs }),
      notify: createNotifyGateway({ baseUrl: notifyUrl ?? bankUrl, appKey, timeoutMs }),
    });
  },
  { name: 'gateways', dependencies: ['config'] },
);
