/**
 * How the BFF delivers the front ends: a Content-Security-Policy without
 * 'unsafe-inline' in script-src on every page and on /docs, and no inline script in what it serves; every file
 * in brotli or gzip as the client accepts, precompressed at build time; content-hashed files immutable for a year,
 * HTML revalidated each time. Built front ends are stood in for by small folders laid out as the builds write
 * them (Taro: js/name.hash8.js; Vite: assets/name-hash8.js); e2e/frontends.test.ts checks the real builds in
 * Chromium.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, buildApp } from '../src/app.ts';
import { parseConfig } from '../src/config.ts';
import { generateDataKey } from '../src/lib/fieldCrypto.ts';
import { cspDirectives } from '../src/plugins/app/csp.ts';
import { cacheControlFor, IMMUTABLE, REVALIDATE } from '../src/plugins/app/frontends.ts';
import { freshDatabase } from './helpers.ts';

const IDENTITY_PREVIEW = 'http://127.0.0.1:3999';
const APP_JS = `${'console.log("一卡通");\n'.repeat(200)}`;

/** Writes `body` with the .br and .gz siblings the builds write. */
function writeBuilt(file: string, body: string, compressed = true) {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, body);
  if (!compressed) return;
  writeFileSync(`${file}.br`, brotliCompressSync(Buffer.from(body)));
  writeFileSync(`${file}.gz`, gzipSync(Buffer.from(body)));
}

const page = (scripts: string) =>
  `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>t</title>${scripts}</head><body><div id="app"></div></body></html>`;

/** The script-src sources of a CSP header. */
function scriptSrc(csp: string): string[] {
  const directive = csp
    .split(';')
    .map((d) => d.trim())
    .find((d) => d.startsWith('script-src '));
  return directive ? directive.split(/\s+/).slice(1) : [];
}

/** Inline <script> elements (no src) of an HTML page whose sha256 is not among the CSP's script-src sources. */
function inlineScriptsWithoutHash(html: string, csp: string): string[] {
  const allowed = new Set(scriptSrc(csp));
  const found: string[] = [];
  for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi)) {
    if (/\bsrc\s*=/i.test(m[1])) continue;
    const hash = `'sha256-${createHash('sha256').update(m[2]).digest('base64')}'`;
    if (!allowed.has(hash)) found.push(m[2].slice(0, 80));
  }
  return found;
}

describe('front ends: CSP, compression, caching', () => {
  let app: App;
  let root: string;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'ykt-frontends-'));
    const m = join(root, 'miniapp');
    const w = join(root, 'web');
    writeBuilt(join(m, 'index.html'), page('<script defer src="/m/js/app.1a2b3c4d.js"></script>'));
    writeBuilt(join(m, 'js', 'app.1a2b3c4d.js'), APP_JS);
    writeBuilt(join(m, 'css', 'app.9f8e7d6c.css'), 'body{margin:0}'.repeat(100));
    writeBuilt(join(m, 'js', 'only-raw.5e6f7a8b.js'), APP_JS, false);
    writeBuilt(join(w, 'portal.html'), page('<script type="module" src="/web/assets/portal-C22FpxN7.js"></script>'));
    writeBuilt(join(w, 'review.html'), page('<script type="module" src="/web/assets/review-CFp6GShk.js"></script>'));
    writeBuilt(join(w, 'assets', 'portal-C22FpxN7.js'), APP_JS);
    writeBuilt(join(w, 'assets', 'review-CFp6GShk.js'), APP_JS);
    const config = parseConfig({
      ...(await freshDatabase()).config,
      dataKey: generateDataKey(),
      jwtSecret: 'test-secret-test-secret-test-secret-123',
      identityUrl: IDENTITY_PREVIEW,
      bankUrl: IDENTITY_PREVIEW,
      gatewayAppKey: 'sandbox-app-key',
      faceMode: 'preview',
      identityPreviewUrl: IDENTITY_PREVIEW,
      validationSchedule: '',
      logLevel: 'silent',
      miniappDist: m,
      webDist: w,
    });
    app = await buildApp({ config });
    await app.ready();
  });

  afterAll(async () => {
    await app?.close();
    rmSync(root, { recursive: true, force: true });
  });

  describe('Content-Security-Policy', () => {
    const pages = ['/m/', '/m/index.html', '/web/portal.html', '/web/review.html', '/docs', '/docs/'];

    it.each(pages)('%s: script-src without unsafe-inline, no inline event handlers, no inline script', async (url) => {
      const res = await app.inject({ url });
      expect(res.statusCode).toBe(200);
      const csp = String(res.headers['content-security-policy'] ?? '');
      expect(scriptSrc(csp)).toContain("'self'");
      expect(scriptSrc(csp)).not.toContain("'unsafe-inline'");
      expect(scriptSrc(csp)).not.toContain("'unsafe-eval'");
      expect(csp).toMatch(/script-src-attr 'none'/);
      expect(csp).toMatch(/object-src 'none'/);
      expect(inlineScriptsWithoutHash(res.body, csp)).toEqual([]);
    });

    it('the scripts /docs loads are files on this origin, served under the same policy', async () => {
      const html = (await app.inject({ url: '/docs/' })).body;
      const srcs = [...html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"/g)].map((m) => m[1]);
      expect(srcs.length).toBeGreaterThan(0);
      for (const src of srcs) {
        const res = await app.inject({ url: new URL(src, 'http://x/docs/').pathname });
        expect(res.statusCode, src).toBe(200);
        expect(scriptSrc(String(res.headers['content-security-policy']))).not.toContain("'unsafe-inline'");
      }
    });

    it('the preview identity platform is allowed to be called (connect-src), nothing else outside', async () => {
      const csp = String((await app.inject({ url: '/m/' })).headers['content-security-policy']);
      const connect = csp.split(';').find((d) => d.trim().startsWith('connect-src'));
      expect(connect?.trim().split(/\s+/).slice(1)).toEqual(["'self'", IDENTITY_PREVIEW]);
    });

    it('an inline script that is not hashed is found by the check (the check itself works)', () => {
      const csp = "default-src 'self'; script-src 'self'";
      expect(inlineScriptsWithoutHash('<script>alert(1)</script><script src="/a.js"></script>', csp)).toEqual([
        'alert(1)',
      ]);
      const hash = createHash('sha256').update('alert(1)').digest('base64');
      expect(inlineScriptsWithoutHash('<script>alert(1)</script>', `script-src 'self' 'sha256-${hash}'`)).toEqual([]);
    });

    it('cspDirectives: hashes of inline scripts a build keeps are quoted sources, never unsafe-inline', () => {
      const d = cspDirectives({ scriptHashes: ['sha256-abc=', "'sha256-def='"] });
      expect(d.scriptSrc).toEqual(["'self'", "'sha256-abc='", "'sha256-def='"]);
      expect(Object.values(cspDirectives()).flat()).not.toContain("'unsafe-eval'");
      expect(cspDirectives().scriptSrc).toEqual(["'self'"]);
    });
  });

  describe('compression: precompressed brotli and gzip', () => {
    const assets = ['/m/js/app.1a2b3c4d.js', '/web/assets/portal-C22FpxN7.js'];

    it.each(assets)('%s: brotli when accepted, gzip otherwise, identity without Accept-Encoding', async (url) => {
      const br = await app.inject({ url, headers: { 'accept-encoding': 'gzip, deflate, br' } });
      expect(br.statusCode).toBe(200);
      expect(br.headers['content-encoding']).toBe('br');
      expect(br.headers['content-type']).toMatch(/javascript/);
      expect(String(br.headers.vary)).toMatch(/accept-encoding/i);
      expect(brotliDecompressSync(br.rawPayload).toString()).toBe(APP_JS);
      expect(br.rawPayload.length).toBeLessThan(APP_JS.length / 4);

      const gz = await app.inject({ url, headers: { 'accept-encoding': 'gzip' } });
      expect(gz.headers['content-encoding']).toBe('gzip');
      expect(gunzipSync(gz.rawPayload).toString()).toBe(APP_JS);

      const plain = await app.inject({ url, headers: { 'accept-encoding': 'identity' } });
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(plain.body).toBe(APP_JS);
      expect(String(plain.headers.vary)).toMatch(/accept-encoding/i);
    });

    it('q-values are honoured: gzip preferred over br when the client says so', async () => {
      const res = await app.inject({
        url: '/m/js/app.1a2b3c4d.js',
        headers: { 'accept-encoding': 'br;q=0.1, gzip;q=1' },
      });
      expect(res.headers['content-encoding']).toBe('gzip');
    });

    it('the HTML is compressed too (/m/ resolves to index.html)', async () => {
      const res = await app.inject({ url: '/m/', headers: { 'accept-encoding': 'br' } });
      expect(res.headers['content-encoding']).toBe('br');
      expect(res.headers['content-type']).toMatch(/text\/html/);
      expect(brotliDecompressSync(res.rawPayload).toString()).toContain('<div id="app">');
    });

    it('a file without compressed siblings is still served, uncompressed', async () => {
      const res = await app.inject({ url: '/m/js/only-raw.5e6f7a8b.js', headers: { 'accept-encoding': 'br, gzip' } });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-encoding']).toBeUndefined();
      expect(res.body).toBe(APP_JS);
    });

    it('the .br and .gz files are not addressable on their own', async () => {
      for (const url of ['/m/js/app.1a2b3c4d.js.br', '/m/js/app.1a2b3c4d.js.gz', '/web/assets/portal-C22FpxN7.js.br']) {
        expect((await app.inject({ url })).statusCode, url).toBe(404);
      }
    });
  });

  describe('caching', () => {
    it.each([
      '/m/js/app.1a2b3c4d.js',
      '/m/css/app.9f8e7d6c.css',
      '/web/assets/portal-C22FpxN7.js',
      '/web/assets/review-CFp6GShk.js',
    ])('%s (content-hashed): public, a year, immutable, in every encoding', async (url) => {
      for (const encoding of ['br', 'gzip', 'identity']) {
        const res = await app.inject({ url, headers: { 'accept-encoding': encoding } });
        expect(res.headers['cache-control'], `${url} ${encoding}`).toBe('public, max-age=31536000, immutable');
      }
    });

    it.each(['/m/', '/m/index.html', '/web/portal.html', '/web/review.html'])(
      '%s (HTML): no-cache, with a validator for 304s',
      async (url) => {
        for (const encoding of ['br', 'identity']) {
          const res = await app.inject({ url, headers: { 'accept-encoding': encoding } });
          expect(res.headers['cache-control'], `${url} ${encoding}`).toBe('no-cache');
          expect(res.headers.etag ?? res.headers['last-modified']).toBeTruthy();
        }
        const first = await app.inject({ url, headers: { 'accept-encoding': 'br' } });
        const again = await app.inject({
          url,
          headers: { 'accept-encoding': 'br', 'if-none-match': String(first.headers.etag) },
        });
        expect(again.statusCode).toBe(304);
      },
    );

    it('cacheControlFor: immutable only for hashed names in the builds’ hashed folders', () => {
      const r = '/srv/dist';
      expect(cacheControlFor(r, '/srv/dist/js/app.1a2b3c4d.js')).toBe(IMMUTABLE);
      expect(cacheControlFor(r, '/srv/dist/js/app.1a2b3c4d.js.br')).toBe(IMMUTABLE);
      expect(cacheControlFor(r, '/srv/dist/css/969.8c56a108.css.gz')).toBe(IMMUTABLE);
      expect(cacheControlFor(r, '/srv/dist/assets/time-BEHIJuDX.js')).toBe(IMMUTABLE);
      expect(cacheControlFor(r, '/srv/dist/index.html')).toBe(REVALIDATE);
      expect(cacheControlFor(r, '/srv/dist/index.html.br')).toBe(REVALIDATE);
      expect(cacheControlFor(r, '/srv/dist/portal.html')).toBe(REVALIDATE);
      expect(cacheControlFor(r, '/srv/dist/js/app.js')).toBe(REVALIDATE);
      expect(cacheControlFor(r, '/srv/dist/favicon-12345678.svg')).toBe(REVALIDATE);
    });
  });
});
