import { chromium } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
const base = 'http://127.0.0.1:3999';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox'] });
async function measure(label: string, go: (p: any) => Promise<void>) {
  const page = await (await browser.newContext({ viewport: { width: 375, height: 812 }, isMobile: true })).newPage();
  const urls = new Set<string>();
  page.on('response', (r: any) => { const u = r.url(); if (/\/m\/(js|css)\//.test(u)) urls.add(u); });
  await go(page);
  let js = 0, jsz = 0, css = 0, cssz = 0;
  for (const u of urls) {
    const f = readFileSync('dist' + new URL(u).pathname.replace(/^\/m/, ''));
    const z = gzipSync(f, { level: 9 }).length;
    if (u.endsWith('.js')) { js += f.length; jsz += z; } else { css += f.length; cssz += z; }
  }
  console.log(`${label}: ${urls.size} files; JS ${(js/1024).toFixed(1)} KB raw / ${(jsz/1024).toFixed(1)} KB gzip; CSS ${(css/1024).toFixed(1)} KB raw / ${(cssz/1024).toFixed(1)} KB gzip`);
}
await measure('first load (login page with persona picker)', async (p) => { await p.goto(`${base}/m/`); await p.getByRole('button', { name: '以谭梅身份进入' }).waitFor(); await p.waitForTimeout(500); });
await measure('login -> card (whole first visit)', async (p) => { await p.goto(`${base}/m/`); await p.getByRole('button', { name: '以谭梅身份进入' }).click(); await p.locator('.card').first().waitFor(); await p.waitForTimeout(500); });
await browser.close();
let all = 0, allz = 0;
for (const d of ['js', 'css']) for (const f of (await import('node:fs')).readdirSync('dist/' + d)) { if (f.endsWith('.txt')) continue; const b = readFileSync(`dist/${d}/${f}`); all += b.length; allz += gzipSync(b, { level: 9 }).length; }
console.log(`whole H5 build (all pages): ${(all/1024).toFixed(1)} KB raw / ${(allz/1024).toFixed(1)} KB gzip`);
