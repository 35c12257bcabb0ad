import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { cspDirectives } from '../app/csp.ts';

/** Security headers on every answer; the front ends load their scripts and styles from this origin only. */
export default fp(
  async (app: FastifyInstance) => {
    await app.register(helmet, {
      // No inline script anywhere (plugins/app/csp.ts).
      contentSecurityPolicy: { directives: cspDirectives({ identityPreviewUrl: app.config.identityPreviewUrl }) },
    });
  },
  { name: 'security', dependencies: ['config'] },
);
