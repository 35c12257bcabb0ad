import { existsSync } from 'node:fs';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

/** Serves the built front ends when their folders exist: mini-app H5 at /m/, PC and console under /web/. */
export default fp(
  async (app: FastifyInstance, opts: { miniappDist?: string; webDist?: string }) => {
    if (opts.miniappDist && existsSync(opts.miniappDist)) {
      await app.register(fastifyStatic, {
        root: opts.miniappDist,
        prefix: '/m/',
        decorateReply: false,
        schemaHide: true,
      });
      app.get('/m', { schema: { hide: true } }, (_req, reply) => reply.redirect('/m/'));
    }
    if (opts.webDist && existsSync(opts.webDist)) {
      await app.register(fastifyStatic, {
        root: opts.webDist,
        prefix: '/web/',
        decorateReply: false,
        schemaHide: true,
      });
      app.get('/pc', { schema: { hide: true } }, (_req, reply) => reply.redirect('/web/portal.html'));
      app.get('/review', { schema: { hide: true } }, (_req, reply) => reply.redirect('/web/review.html'));
    }
  },
  { name: 'frontends' },
);
