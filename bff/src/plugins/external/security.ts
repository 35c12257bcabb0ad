import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

/** Security headers on every answer; the front ends load their scripts and styles from this origin only. */
export default fp(
  async (app: FastifyInstance) => {
    await app.register(helmet, {
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          imgSrc: ["'self'", 'data:', 'blob:'],
          styleSrc: ["'self'", "'unsafe-inline'"],
          scriptSrc: ["'self'", "'unsafe-inline'"],
          connectSrc: ["'self'", ...(app.config.identityPreviewUrl ? [app.config.identityPreviewUrl] : [])],
          fontSrc: ["'self'", 'data:'],
        },
      },
    });
  },
  { name: 'security', dependencies: ['config'] },
);
