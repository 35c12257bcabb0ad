import { existsSync } from 'node:fs';
import { basename, relative, sep } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';
import fp from 'fastify-plugin';

/** A year: what a file whose name changes with its content may be kept for. */
export const IMMUTABLE = 'public, max-age=31536000, immutable';
/** Everything else (the HTML that names the hashed files): kept, but asked about again each time (304 by ETag). */
export const REVALIDATE = 'no-cache';

/**
 * The folders where the builds write content-hashed names only: Taro's js/, css/, static/ (miniapp/config) and
 * Vite's assets/ (web/vite.config.ts), and the hash part of those names ("app.1a2b3c4d.js", "review-CFp6GShk.js").
 */
const HASHED_DIRS = new Set(['js', 'css', 'static', 'assets']);
const HASHED_NAME = /[.-][A-Za-z0-9_-]{8}\.[a-z0-9]+$/;
const COMPRESSED = /\.(br|gz)$/;

/** Cache-Control of a file of a built front end: immutable when its name carries its content hash. */
export function cacheControlFor(root: string, file: string): string {
  const logical = file.replace(COMPRESSED, '');
  const [top] = relative(root, logical).split(sep);
  return HASHED_DIRS.has(top) && HASHED_NAME.test(basename(logical)) ? IMMUTABLE : REVALIDATE;
}

function staticOptions(root: string, prefix: string) {
  return {
    root,
    prefix,
    decorateReply: false,
    schemaHide: true,
    // The builds write .br and .gz next to every file (miniapp/config, web/vite.config.ts): a phone on weak
    // 4G gets brotli, older clients gzip, and the BFF never compresses at request time.
    preCompressed: true,
    // The compressed siblings are encodings of their file, not files of their own.
    allowedPath: (pathname: string) => !COMPRESSED.test(pathname),
    cacheControl: false,
    setHeaders: (reply: FastifyReply, file: string) => {
      reply.header('cache-control', cacheControlFor(root, file));
    },
  };
}

/** Serves the built front ends when their folders exist: mini-app H5 at /m/, PC and console under /web/. */
export default fp(
  async (app: FastifyInstance, opts: { miniappDist?: string; webDist?: string }) => {
    if (opts.miniappDist && existsSync(opts.miniappDist)) {
      await app.register(fastifyStatic, staticOptions(opts.miniappDist, '/m/'));
      app.get('/m', { schema: { hide: true } }, (_req, reply) => reply.redirect('/m/'));
    }
    if (opts.webDist && existsSync(opts.webDist)) {
      await app.register(fastifyStatic, staticOptions(opts.webDist, '/web/'));
      app.get('/pc', { schema: { hide: true } }, (_req, reply) => reply.redirect('/web/portal.html'));
      app.get('/review', { schema: { hide: true } }, (_req, reply) => reply.redirect('/web/review.html'));
    }
  },
  { name: 'frontends' },
);
