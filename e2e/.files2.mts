import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';

const root = process.cwd();
const { startStack } = await import(`${root}/scripts/stack.ts`);
const s = await startStack();
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const p = await b.newPage({ viewport: { width: 375, height: 812 } });
const files: string[] = [];
p.on('response', (r) => {
  const u = new URL(r.url()).pathname;
  if (/^\/m\/(js|css)\//.test(u)) files.push(u);
});
await p.goto(`${s.baseUrl}/m/`);
await p.getByRole('button', { name: /^谭梅/ }).waitFor();
await p.waitForLoadState('networkidle');
for (const f of files.sort()) {
  const body = readFileSync(`miniapp/dist/${f.slice(3)}`);
  console.log(f, body.length, gzipSync(body, { level: 9 }).length);
}
await b.close();
await s.close();
