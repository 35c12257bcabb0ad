import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Config } from '../../config.ts';
import type { Clock } from '../../lib/time.ts';

declare module 'fastify' {
  interface FastifyInstance {
    config: Config;
    /** The service's clock (tests move it). */
    clock: Clock;
    /**
     * The origin phones open QR content at: YKT_PUBLIC_URL, or else the address this instance listens on. Never
     * the request's Host header, which anybody can forge.
     */
    publicUrl(): string;
  }
}

/** The validated settings and the clock, first of all, for every plugin after. */
export default fp(
  async (app: FastifyInstance, opts: { config: Config; clock: Clock }) => {
    app.decorate('config', opts.config);
    app.decorate('clock', opts.clock);
    app.decorate('publicUrl', () => {
      if (opts.config.publicUrl) return opts.config.publicUrl.replace(/\/$/, '');
      const address = app.server.address();
      const port = typeof address === 'object' && address ? address.port : opts.config.port;
      const host = ['0.0.0.0', '::'].includes(opts.config.host) ? '127.0.0.1' : opts.config.host;
      return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
    });
  },
  { name: 'config' },
);
