import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

/**
 * Brotli and gzip siblings (.br, .gz) of every text file of the build, at the highest levels: the BFF serves them
 * as they are (@fastify/static preCompressed), so a phone or PC on weak 4G downloads a quarter of the bytes and
 * nothing is compressed per request.
 */
function precompress(): Plugin {
  let outDir = '';
  const walk = (dir: string): string[] =>
    readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? walk(join(dir, f)) : [join(dir, f)]));
  return {
    name: 'ykt-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    closeBundle() {
      for (const file of walk(outDir)) {
        if (!/\.(js|mjs|css|html|svg|json|txt|map)$/.test(file)) continue;
        const body = readFileSync(file);
        writeFileSync(
          `${file}.br`,
          brotliCompressSync(body, {
            params: {
              [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
              [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
            },
          }),
        );
        writeFileSync(`${file}.gz`, gzipSync(body, { level: 9 }));
      }
    },
  };
}

// Two entries: the citizen's PC pages (portal.html, served at /pc) and the caseworker console (review.html, /review).
// No inline script in either page (the BFF's CSP allows none): Vite writes module scripts with src only.
export default defineConfig({
  plugins: [react(), precompress()],
  base: '/web/',
  build: {
    rollupOptions: {
      input: {
        portal: resolve(import.meta.dirname, 'portal.html'),
        review: resolve(import.meta.dirname, 'review.html'),
      },
    },
  },
  server: { proxy: { '/api': 'http://127.0.0.1:3000' } },
});
