/**
 * What a phone downloads: the H5 build's first load (the login page, as a person arriving from the 渝快办
 * entry sees it), the whole first visit (login, then the card), the whole H5 build, and the weapp main
 * package. Sizes are raw and gzip -9 of the built files. Run after both builds:
 *   pnpm --filter @ykt/miniapp build:h5 && pnpm --filter @ykt/miniapp build:weapp && pnpm --filter @ykt/miniapp size
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { launchBrowser, startStack } from '../../e2e/harness.ts';

const root = resolve(import.meta.dirname, '..');
const h5 = join(root, 'dist');
const weapp = join(root, 'dist-weapp');
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : [p];
  });
}

function sizes(paths: string[]) {
  const sum = { js: 0, jsGz: 0, css: 0, cssGz: 0 };
  for (const p of paths) {
    const body = readFileSync(p);
    const gz = gzipSync(body, { level: 9 }).length;
    if (p.endsWith('.js')) {
      sum.js += body.length;
      sum.jsGz += gz;
    } else if (p.endsWith('.css')) {
      sum.css += body.length;
      sum.cssGz += gz;
    }
  }
  return `JS ${kb(sum.js)} raw / ${kb(sum.jsGz)} gzip; CSS ${kb(sum.css)} raw / ${kb(sum.cssGz)} gzip`;
}

const stack = await startStack();
const browser = await launchBrowser();
try {
  async function measure(label: string, steps: (page: Page) => Promise<void>) {
    const ctx = await browser.newContext({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });
    const page = await ctx.newPage();
    const loaded = new Set<string>();
    page.on('response', (r) => {
      const path = new URL(r.url()).pathname;
      if (/^\/m\/(js|css)\//.test(path)) loaded.add(join(h5, path.slice('/m/'.length)));
    });
    await steps(page);
    await page.waitForLoadState('networkidle');
    console.log(`${label} (${loaded.size} files): ${sizes([...loaded])}`);
    await ctx.close();
  }
  const persona = (page: Page) => page.getByRole('button', { name: /^谭梅/ });
  await measure('H5 first load: the login page', async (page) => {
    await page.goto(`${stack.baseUrl}/m/`);
    await persona(page).waitFor();
  });
  await measure('H5 first visit: login, then the card', async (page) => {
    await page.goto(`${stack.baseUrl}/m/`);
    await persona(page).click();
    await page.locator('.card').first().waitFor();
  });
  console.log(`H5 whole build: ${sizes(files(h5))}`);
  if (existsSync(weapp)) {
    const main = files(weapp).filter((p) => !p.endsWith('.LICENSE.txt') && !p.endsWith('project.config.json'));
    const total = main.reduce((n, p) => n + statSync(p).size, 0);
    const biggest = main
      .map((p) => [relative(weapp, p), statSync(p).size] as const)
      .sort((a, b) => b[1] - a[1])
      .slice(0, 4)
      .map(([p, n]) => `${p} ${kb(n)}`)
      .join(', ');
    console.log(`weapp main package: ${kb(total)} (limit 2048 KB); biggest: ${biggest}`);
  }
} finally {
  await browser.close();
  await stack.close();
}
