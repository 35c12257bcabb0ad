import helmet from '@fastify/helmet';
import Fastify, { type FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { cspDirectives } from '../app/csp.ts';

/** Headers of an answer that are not helmet's (a probe answer's own). */
const NOT_SECURITY = new Set(['content-type', 'content-length', 'date', 'connection', 'keep-alive']);

/**
 * Security headers on every answer; the front ends load their scripts and styles from this origin only (no inline
 * script anywhere: plugins/app/csp.ts); API answers are never stored.
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
      contentSecurityPolicy: { directives: cspDirectives({ identityPreviewUrl: app.config.identityPreviewUrl }) },
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
    // Every answer of the API may carry personal data, a token or the QR secret (face login, QR polling, caseworker
    // login, the 一卡通 system's calls as much as /api/me/*): never kept by a browser, a proxy or the web view,
    // errors included. A route that wants its answer cached says so itself.
    app.addHook('onSend', async (req, reply) => {
      if (req.url.startsWith('/api/') && !reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
    });
  },
  { name: 'security', dependencies: ['config'] },
);
