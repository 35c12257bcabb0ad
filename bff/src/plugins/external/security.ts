import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { cspDirectives } from '../app/csp.ts';

/**
 * Security headers on every answer; the front ends load their scripts and styles from this origin only; API answers
 * are not stored.
 */
export default fp(
  async (app: FastifyInstance) => {
    await app.register(helmet, {
      // No inline script anywhere (plugins/app/csp.ts).
      contentSecurityPolicy: { directives: cspDirectives({ identityPreviewUrl: app.config.identityPreviewUrl }) },
    });
    // Every answer of the API may carry personal data, a token or the QR secret (face login, QR polling, caseworker
    // login, the 一卡通 system's calls as much as /api/me/*): never kept by a browser, a proxy or the web view,
    // errors included. A route that wants its answer cached says so itself.
    app.addHook('onSend', async (req, reply) => {
      if (req.url.startsWith('/api/') && !reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
    });
  },
  { name: 'security', dependencies: ['config'] },
);
