import helmet from '@fastify/helmet';
import Fastify, { type FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

/** Headers of an answer that are not helmet's (a probe answer's own). */
const NOT_SECURITY = new Set(['content-type', 'content-length', 'date', 'connection', 'keep-alive']);

/**
 * Security headers on every answer; the front ends load their scripts and styles from this origin only.
 *
 * The headers are helmet's, computed ONCE: @fastify/helmet rebuilds its middleware (parsing the CSP directives) and
 * runs two hooks on every request, which was most of what made the BFF's /healthz cost twice a bare Fastify route
 * (docs/benchmarks.md). Here a throwaway Fastify with @fastify/helmet and the same options answers one probe at
 * start, and its headers are set by one synchronous hook: the same bytes on every answer, for a fraction of the cost.
 */
export default fp(
  async (app: FastifyInstance) => {
    const probe = Fastify({ logger: false });
    await probe.register(helmet, {
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
    probe.get('/', async () => '');
    const answer = await probe.inject({ method: 'GET', url: '/' });
    await probe.close();
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(answer.headers)) {
      if (!NOT_SECURITY.has(name) && value !== undefined) headers[name] = String(value);
    }
    if (!headers['content-security-policy']) throw new Error('security headers: helmet answered no CSP');
    app.addHook('onRequest', (_req, reply, done) => {
      reply.headers(headers);
      done();
    });
  },
  { name: 'security', dependencies: ['config'] },
);
